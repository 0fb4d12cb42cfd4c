import Holidays from 'date-holidays';
import type { HolidayCalendar } from './types';

/**
 * The public holidays of a country (and of its region, when the debtor's region is known and the `date-holidays`
 * data has it) as a calendar of local dates. Only holidays of type 'public' close a day; bank holidays and
 * observances do not. The library is asked for a year's list once and answers by date string, so no time zone is
 * involved. Pure (the holiday rules are data shipped with the package).
 */
export function createHolidayCalendar(country: string, region: string | null): HolidayCalendar {
  // The portfolio stores the full ISO 3166-2 code (ES-MD); date-holidays wants the part after the country.
  const subdivision = region?.startsWith(`${country}-`) ? region.slice(country.length + 1) : region;
  const hd = subdivision && hasRegion(country, subdivision) ? new Holidays(country, subdivision) : new Holidays(country);
  const years = new Map<number, ReadonlySet<string>>();
  return (localDate: string) => {
    const year = Number(localDate.slice(0, 4));
    let dates = years.get(year);
    if (!dates) {
      const list = hd.getHolidays(year) || [];
      dates = new Set(list.filter((h) => h.type === 'public').map((h) => h.date.slice(0, 10)));
      years.set(year, dates);
    }
    return dates.has(localDate);
  };
}

function hasRegion(country: string, region: string): boolean {
  const states = new Holidays().getStates(country);
  return states !== undefined && Object.prototype.hasOwnProperty.call(states, region);
}
