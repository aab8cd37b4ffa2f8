"""Every rule palliasched knows, hard and soft, with one identity each.

An entry says what the rule is (its id, in French and English), which fields of the
programme file set it (``parameters``) and, for a hard rule, which findings of the
independent checker (``palliasched.verify``) report it broken. Everything else is found
from the id:

- hard rules: the CP-SAT constraint ties its groups to ``Rule(HardRule.X, subject)``
  (``solver/``), the checker reports ``checks``, ``palliasched.explain.SENTENCES[X]`` says
  it to a coordinator, and ``tests/rule_cases.py`` holds its micro cases;
- soft rules: ``palliasched.quality`` measures it, the solver's objective prices it with
  the weight of the same name, and the workbook's "Règles souples" sheet shows ``fr``.

``tests/test_rule_catalogue.py`` fails when an entry lacks any of these. No OR-Tools here.
"""

from __future__ import annotations

from palliasched.rules import sentences as s
from palliasched.rules.identity import HardRule, RuleInfo, SoftRule
from palliasched.words import plural_en

CATALOGUE: tuple[RuleInfo, ...] = (
    RuleInfo(
        HardRule.HOURS,
        "every session of a unit is scheduled once, making its presence hours",
        "chaque séance d'une UE a lieu une fois, et l'UE fait ses heures présentielles",
        ("units[].presence_hours", "units[].sessions"),
        "unit",
        ("unknown-session", "duplicate-session", "missing-session", "unit-hours"),
        sentence=lambda f, who: (
            f"{s.unit_name(f, who)} must hold all its sessions ({s.hours(f, who)})."
        ),
    ),
    RuleInfo(
        HardRule.WINDOW,
        "a session keeps to its dates (semester, window, pinned date), to teaching days "
        "and to the slots of its length (a length in minutes: a start on the time grid, "
        "inside one slot)",
        "une séance respecte ses dates (semestre, fenêtre, date fixée), les jours "
        "d'enseignement et les créneaux de sa durée (une durée en minutes : un début sur la "
        "grille horaire, dans un seul créneau)",
        (
            "units[].semester",
            "units[].window",
            "sessions[].window",
            "sessions[].date",
            "sessions[].minutes",
            "calendar.time_grid_minutes",
        ),
        "unit",
        ("outside-window", "not-a-teaching-day", "wrong-slots"),
        sentence=lambda f, who: f"{s.unit_name(f, who)} takes place within {s.dates(f, who)}.",
    ),
    RuleInfo(
        HardRule.AVAILABILITY,
        "an instructor teaches only on dates they are available, with the instructors a "
        "session needs",
        "un intervenant n'enseigne que les jours où il est disponible, et chaque séance a "
        "ses intervenants",
        (
            "instructors[].unavailable",
            "instructors[].unavailable_from",
            "instructors[].available_only",
            "sessions[].instructors",
        ),
        "instructor",
        ("instructor-unavailable", "instructors"),
        sentence=lambda f, who: f"{s.instructor(f, who)} {s.availability(f, who)}.",
        day_rule=lambda instructor, day: not instructor.available_on(day),
        day_reason="unavailable",
    ),
    RuleInfo(
        HardRule.WEEKDAYS,
        "an instructor teaches only on the weekdays they ever teach",
        "un intervenant n'enseigne que les jours de la semaine où il peut enseigner",
        ("instructors[].weekdays",),
        "instructor",
        ("instructor-weekday",),
        sentence=lambda f, who: (
            f"{s.instructor(f, who)} teaches only on "
            f"{s.weekday_names(sorted(f.instructor(who).weekdays or ()))}."
        ),
        day_rule=lambda instructor, day: (
            instructor.weekdays is not None and day.weekday() not in instructor.weekdays
        ),
        day_reason="never teaches that weekday",
    ),
    RuleInfo(
        HardRule.ROOMS,
        "a session is in rooms of its site that hold it and are free, one session at a time",
        "une séance a lieu dans des salles de son site assez grandes et libres, une séance "
        "à la fois",
        ("rooms", "sessions[].rooms", "sessions[].sites"),
        "site",
        ("site", "rooms", "room-capacity", "room-unavailable", "room-clash"),
        sentence=lambda f, who: (
            f"The rooms of {f.site(who).name} hold one session at a time "
            f"({plural_en(len(f.rooms_of(who)), 'room')})."
        ),
    ),
    RuleInfo(
        HardRule.INSTRUCTOR_CLASH,
        "an instructor teaches one session at a time",
        "un intervenant assure une séance à la fois",
        ("sessions[].instructors",),
        "instructor",
        ("instructor-clash",),
        sentence=lambda f, who: f"{s.instructor(f, who)} teaches one session at a time.",
    ),
    RuleInfo(
        HardRule.COHORT_CLASH,
        "a cohort attends one session at a time",
        "une promotion suit une séance à la fois",
        ("cohorts", "sessions[].cohorts"),
        "cohort",
        ("cohort-clash",),
        sentence=lambda f, who: f"{f.cohort(who).name} attends one session at a time.",
    ),
    RuleInfo(
        HardRule.COHORT_SITE,
        "a cohort is on one site a day",
        "une promotion est sur un seul site par jour",
        ("sessions[].sites",),
        "cohort",
        ("cohort-two-sites",),
        sentence=lambda f, who: f"{f.cohort(who).name} is on one site a day.",
    ),
    RuleInfo(
        HardRule.INSTRUCTOR_SITE,
        "an instructor teaches on one site a day",
        "un intervenant enseigne sur un seul site par jour",
        ("sessions[].sites",),
        "instructor",
        ("instructor-two-sites",),
        sentence=lambda f, who: f"{s.instructor(f, who)} teaches on one site a day.",
    ),
    RuleInfo(
        HardRule.PRECEDENCE,
        "a session comes after the sessions it names",
        "une séance vient après celles qu'elle nomme",
        ("sessions[].after",),
        "session",
        ("precedence",),
        sentence=s.precedence_sentence,
    ),
    RuleInfo(
        HardRule.ORDER,
        "a session comes first or last in its programme",
        "une séance vient en premier ou en dernier dans sa formation",
        ("sessions[].order",),
        "session",
        ("order",),
        sentence=s.order_sentence,
    ),
    RuleInfo(
        HardRule.REGROUPEMENT,
        "a cohort's teaching days of a week are consecutive, at most max_days",
        "les jours de cours d'une semaine sont consécutifs, au plus max_days",
        ("teaching_weeks.max_days",),
        "cohort",
        ("regroupement-gap", "regroupement-too-long"),
        sentence=lambda f, who: (
            f"{f.cohort(who).name} comes for regroupements of consecutive days, "
            f"at most {plural_en(s.weeks_of(f, who).max_days, 'day')} each."
        ),
    ),
    RuleInfo(
        HardRule.SPACING,
        "a cohort's regroupements are at least min_weeks_between weeks apart",
        "les regroupements sont espacés d'au moins min_weeks_between semaines",
        ("teaching_weeks.min_weeks_between",),
        "cohort",
        ("regroupement-spacing",),
        sentence=lambda f, who: (
            f"{f.cohort(who).name} has at least "
            f"{plural_en(s.weeks_of(f, who).min_weeks_between, 'week')} between regroupements."
        ),
    ),
    RuleInfo(
        HardRule.PER_SEMESTER,
        "a cohort has at most max_per_semester regroupements a semester",
        "au plus max_per_semester regroupements par semestre",
        ("teaching_weeks.max_per_semester",),
        "cohort",
        ("regroupements-per-semester",),
        sentence=lambda f, who: (
            f"{f.cohort(who).name} has at most "
            f"{plural_en(s.weeks_of(f, who).max_per_semester or 0, 'regroupement')} per semester."
        ),
    ),
    RuleInfo(
        HardRule.WEEK_LIMIT,
        "an instructor teaches at most max_days_per_week days a week",
        "un intervenant enseigne au plus max_days_per_week jours par semaine",
        ("instructors[].max_days_per_week",),
        "instructor",
        ("instructor-week-limit",),
        sentence=lambda f, who: (
            f"{s.instructor(f, who)} teaches at most "
            f"{plural_en(f.instructor(who).max_days_per_week or 0, 'day')} a week."
        ),
    ),
    RuleInfo(
        HardRule.MAX_GAP,
        "a cohort never goes more than max_gap_weeks weeks without a regroupement within a "
        "teaching period (closed weeks do not count)",
        "une promotion n'a jamais plus de max_gap_weeks semaines sans regroupement pendant la "
        "période d'enseignement (hors semaines de fermeture)",
        ("teaching_weeks.max_gap_weeks", "teaching_weeks.periods"),
        "cohort",
        ("max-gap",),
        sentence=lambda f, who: (
            f"{f.cohort(who).name} goes at most "
            f"{plural_en(s.weeks_of(f, who).max_gap_weeks or 0, 'week')} without a regroupement "
            f"within {s.rhythm_periods(f, who)}."
        ),
    ),
    RuleInfo(
        HardRule.BLOCKS,
        "a unit's sessions take place in at most max_blocks regroupements",
        "les séances d'une UE ont lieu en au plus max_blocks regroupements",
        ("units[].max_blocks",),
        "unit",
        ("unit-blocks",),
        sentence=lambda f, who: (
            f"{s.unit_name(f, who)} is taught in at most "
            f"{plural_en(f.unit(who).max_blocks or 0, 'regroupement')}."
        ),
    ),
    RuleInfo(
        HardRule.REPEAT_SPACING,
        "the copies of a repeated session are min_days_between days apart, or one per regroupement",
        "les séances répétées sont espacées d'au moins min_days_between jours, ou une par "
        "regroupement",
        ("sessions[].spacing",),
        "session",
        ("repeat-spacing",),
        sentence=lambda f, who: s.spacing_sentence(f, who),
    ),
    RuleInfo(
        HardRule.COHORT_TRAVEL,
        "a cohort on another site than the day before has time to travel (evening or morning)",
        "une promotion qui change de site d'un jour à l'autre a le temps du trajet",
        ("travel",),
        "cohort",
        ("cohort-travel",),
        sentence=lambda f, who: s.travel_sentence(f, f.cohort(who).name),
    ),
    RuleInfo(
        HardRule.INSTRUCTOR_TRAVEL,
        "an instructor on another site than the day before has time to travel (evening or morning)",
        "un intervenant qui change de site d'un jour à l'autre a le temps du trajet",
        ("travel",),
        "instructor",
        ("instructor-travel",),
        sentence=lambda f, who: s.travel_sentence(f, s.instructor(f, who)),
    ),
    RuleInfo(
        HardRule.INTERNSHIP,
        "the cohorts on an internship have its weeks (or dates) free of teaching",
        "les promotions en stage n'ont pas cours pendant ses semaines (ou ses dates)",
        ("units[].internship",),
        "unit",
        ("internship",),
        sentence=lambda f, who: s.internship_sentence(f, who),
    ),
    RuleInfo(
        HardRule.IN_TURN,
        "the groups of a session taught in turn are taught the same day, one after the other",
        "les groupes d'une séance en alternance ont cours le même jour, l'un après l'autre",
        ("sessions[].rooms.in_turn",),
        "session",
        ("in-turn",),
        sentence=lambda f, who: s.turn_sentence(f, who),
    ),
    RuleInfo(
        SoftRule.REGROUPEMENTS,
        "teaching weeks per cohort",
        "Regroupements (semaines de cours par promotion)",
        ("weights.regroupements",),
    ),
    RuleInfo(
        SoftRule.INSTRUCTOR_TRIPS,
        "instructor trips (runs of consecutive teaching days on one site within a week)",
        "Déplacements des intervenants",
        ("weights.instructor_trips",),
    ),
    RuleInfo(
        SoftRule.UNIT_SPREAD,
        "weeks a unit uses beyond its first",
        "Dispersion des UE (semaines au-delà de la première)",
        ("weights.unit_spread",),
    ),
    RuleInfo(
        SoftRule.PREFERRED_DAYS,
        "sessions on a day their instructor does not prefer",
        "Jours non préférés des intervenants",
        ("weights.preferred_days", "instructors[].preferred_days", "instructors[].preferred_dates"),
    ),
    RuleInfo(
        SoftRule.OWN_SEMESTER,
        "sessions outside the semester of their unit",
        "Séances hors du semestre de leur UE",
        ("weights.own_semester",),
    ),
    RuleInfo(
        SoftRule.RHYTHM,
        "weeks without teaching beyond the rhythm wanted (every_weeks), within the period",
        "Rythme (semaines sans cours au-delà du rythme voulu)",
        ("weights.rhythm", "teaching_weeks.every_weeks", "teaching_weeks.periods"),
    ),
    RuleInfo(
        SoftRule.SHORT_VISITS,
        "teaching weeks shorter than min_half_days half-days (students travel for little)",
        "Semaines trop courtes (moins de min_half_days demi-journées)",
        ("weights.short_visits", "teaching_weeks.min_half_days"),
    ),
    RuleInfo(
        SoftRule.SITE_CHANGES,
        "a cohort on another site than the day before",
        "Changements de site d'un jour à l'autre",
        ("weights.site_changes",),
    ),
    RuleInfo(
        SoftRule.REPEAT_SPACING,
        "copies of a repeated session closer than asked (spacing with soft: true)",
        "Séances répétées trop rapprochées",
        ("weights.repeat_spacing", "sessions[].spacing"),
    ),
    RuleInfo(
        SoftRule.TRAVEL_TIME,
        "hours instructors travel from their home site and back, per trip (each way rounded up)",
        "Temps de trajet des intervenants (heures, aller et retour depuis leur site)",
        ("weights.travel_time", "instructors[].home_site", "travel"),
    ),
    RuleInfo(
        SoftRule.LATE_STARTS,
        "quarter-hours a session given in minutes starts after the start of its slot",
        "Séances à durée libre commençant après le début du créneau (par quart d'heure)",
        ("weights.late_starts", "sessions[].minutes"),
    ),
)

_BY_ID = {info.id: info for info in CATALOGUE}
_CHECK_OWNERS = {check: info.id for info in CATALOGUE for check in info.checks}


def rule_info(rule: HardRule | SoftRule | str) -> RuleInfo:
    """The catalogue entry of ``rule`` (a soft rule may be named by its string id)."""
    return _BY_ID[rule]  # type: ignore[index]


def check_owner(check: str) -> HardRule:
    """The hard rule a finding of the checker (``Violation.rule``) reports broken."""
    return _CHECK_OWNERS[check]  # type: ignore[return-value]
