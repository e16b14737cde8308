/**
 * One value of a query parameter as a page receives it: Next gives an array when the parameter is repeated
 * (`?q=a&q=b`), which would otherwise reach a procedure's input validation as the wrong type.
 */
export function searchParam(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
