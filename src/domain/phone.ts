/**
 * Vietnamese numbers as people write them ("0912 160 927", "+84 912.160.927", "0888.736.123")
 * become 0XXXXXXXXX: mobile numbers have 10 digits (03, 05, 07, 08, 09), landlines 11 (02…).
 * Undefined when the number is not one of those.
 */
export function normalizePhone(input: string): string | undefined {
  let digits = input.replace(/[\s.\-()]/g, "");
  if (/^\+?84\d{9,10}$/.test(digits)) digits = `0${digits.replace(/^\+?84/, "")}`;
  if (/^0[35789]\d{8}$/.test(digits) || /^02\d{9}$/.test(digits)) return digits;
  return undefined;
}

/** A normalised number grouped as people read it back: "0912 345 678", "024 3943 4567"; anything else as it is. */
export function formatPhone(digits: string): string {
  if (/^0\d{9}$/.test(digits)) return `${digits.slice(0, 4)} ${digits.slice(4, 7)} ${digits.slice(7)}`;
  if (/^0\d{10}$/.test(digits)) return `${digits.slice(0, 3)} ${digits.slice(3, 7)} ${digits.slice(7)}`;
  return digits;
}
