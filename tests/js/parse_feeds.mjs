// Parse every .ics file given on the command line with ical.js, resolving each event's
// times in the time zone its VTIMEZONE defines, and print one JSON line per file:
// {"file", "name", "method", "events": [{"uid", "summary", "sequence", "start", "end",
//   "tzid", "utcOffsetSeconds", "allDay", "startDate", "endDate"}]} with start/end in UTC
// (ISO 8601), and an all-day event's dates as written (YYYY-MM-DD, the end exclusive).
import { readFileSync } from "node:fs";
import ICAL from "ical.js";

for (const file of process.argv.slice(2)) {
  const component = new ICAL.Component(ICAL.parse(readFileSync(file, "utf8")));
  for (const zone of component.getAllSubcomponents("vtimezone")) {
    ICAL.TimezoneService.register(new ICAL.Timezone(zone));
  }
  const events = component.getAllSubcomponents("vevent").map((vevent) => {
    const event = new ICAL.Event(vevent);
    const start = event.startDate;
    return {
      uid: event.uid,
      summary: event.summary,
      sequence: event.sequence,
      start: start.toJSDate().toISOString(),
      end: event.endDate.toJSDate().toISOString(),
      tzid: start.timezone || (start.zone && start.zone.tzid) || null,
      utcOffsetSeconds: start.utcOffset(),
      allDay: start.isDate,
      startDate: start.isDate ? start.toString() : null,
      endDate: start.isDate ? event.endDate.toString() : null,
    };
  });
  console.log(JSON.stringify({
    file,
    name: component.getFirstPropertyValue("x-wr-calname"),
    method: component.getFirstPropertyValue("method"),
    events,
  }));
}
