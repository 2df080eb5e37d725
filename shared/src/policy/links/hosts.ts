/** Whether a host is on the allow-list, itself or as a subdomain of an entry. */
export function isAllowedHost(host: string, allowlist: string[]): boolean {
  return allowlist.some((entry) => {
    const e = entry
      .trim()
      .toLowerCase()
      .replace(/^\*?\./, "")
      .replace(/^www\./, "");
    return e !== "" && (host === e || host.endsWith(`.${e}`));
  });
}
