import { getCountries, getCountryCallingCode } from "libphonenumber-js";

export interface PhoneCountry {
  code: string;
  name: string;
  callingCode: string;
}

let cached: PhoneCountry[] | null = null;

/** The countries phone numbers can be read for (libphonenumber's list), with English names, sorted by name. */
export function phoneCountries(): PhoneCountry[] {
  if (cached) return cached;
  const names = new Intl.DisplayNames(["en"], { type: "region" });
  cached = getCountries()
    .map((code) => ({ code, name: names.of(code) ?? code, callingCode: `+${getCountryCallingCode(code)}` }))
    .sort((a, b) => a.name.localeCompare(b.name, "en"));
  return cached;
}
