from palliasched.cli import main

main()
