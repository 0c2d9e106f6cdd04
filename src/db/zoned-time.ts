/** Calendar date of an instant as seen in `timeZone`. */
export function localDate(at: Date, timeZone: string): { year: number; month: number; day: number } {
  const p = wallClock(at.getTime(), timeZone);
  return { year: p.year, month: p.month, day: p.day };
}

/**
 * The instant at which the wall clock in `timeZone` reads the given local date and time
 * (`day` may overflow the month: day 35 of May is 4 June). Shows are planned in local time.
 */
export function zonedTime(
  date: { year: number; month: number; day: number },
  hour: number,
  minute: number,
  timeZone: string,
): Date {
  const asUtc = Date.UTC(date.year, date.month - 1, date.day, hour, minute);
  let t = asUtc - offsetMs(asUtc, timeZone);
  // Near a DST change the offset at the guess differs from the offset at the answer.
  t = asUtc - offsetMs(t, timeZone);
  return new Date(t);
}

function offsetMs(t: number, timeZone: string): number {
  const p = wallClock(t, timeZone);
  return Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) - Math.floor(t / 1000) * 1000;
}

function wallClock(t: number, timeZone: string) {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  }).formatToParts(t);
  const get = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((x) => x.type === type)?.value);
  return {
    year: get('year'),
    month: get('month'),
    day: get('day'),
    hour: get('hour'),
    minute: get('minute'),
    second: get('second'),
  };
}
