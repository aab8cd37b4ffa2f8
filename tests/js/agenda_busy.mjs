// Read an agenda (.ics) with Mozilla's ical.js, the library of Thunderbird: print one JSON
// object with the agenda as ical.js writes it back ("ics") and every busy occurrence ical.js
// expands up to a date ("busy": start and end in UTC ISO 8601, or the dates of an all-day
// event, its end exclusive), exceptions applied (EXDATE, RECURRENCE-ID), free (TRANSP:
// TRANSPARENT) and cancelled events left out. Usage: node agenda_busy.mjs FILE UNTIL
import { readFileSync } from "node:fs";
import ICAL from "ical.js";

const [file, until] = process.argv.slice(2);
const root = new ICAL.Component(ICAL.parse(readFileSync(file, "utf8")));
for (const zone of root.getAllSubcomponents("vtimezone")) {
  ICAL.TimezoneService.register(new ICAL.Timezone(zone));
}
const end = ICAL.Time.fromDateString(until);
const masters = new Map();
const exceptions = [];
for (const vevent of root.getAllSubcomponents("vevent")) {
  const event = new ICAL.Event(vevent);
  if (event.isRecurrenceException()) exceptions.push(event);
  else masters.set(event.uid, event);
}
for (const exception of exceptions) masters.get(exception.uid)?.relateException(exception);

const busy = [];
const free = (component) =>
  String(component.getFirstPropertyValue("transp") || "").toUpperCase() === "TRANSPARENT" ||
  String(component.getFirstPropertyValue("status") || "").toUpperCase() === "CANCELLED";
const add = (component, start, stop) => {
  if (free(component)) return;
  busy.push(
    start.isDate
      ? { allDay: true, start: start.toString(), end: stop.toString() }
      : { allDay: false, start: start.toJSDate().toISOString(), end: stop.toJSDate().toISOString() },
  );
};
for (const event of masters.values()) {
  if (!event.isRecurring()) {
    add(event.component, event.startDate, event.endDate);
    continue;
  }
  const iterator = event.iterator();
  for (let next = iterator.next(); next && next.compare(end) < 0; next = iterator.next()) {
    const details = event.getOccurrenceDetails(next);
    add(details.item.component, details.startDate, details.endDate);
  }
}
console.log(JSON.stringify({ ics: root.toString(), busy }));
