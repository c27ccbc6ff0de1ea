/**
 * `a•••@example.com`: enough for a person to recognise their own address, not enough to read it
 * off a shared screen. Undefined for anything that is not an e-mail address (a username).
 */
export function maskedEmail(address: string): string | undefined {
  const match = /^([^@\s])[^@\s]*@([^@\s]+\.[^@\s]+)$/.exec(address.trim());
  return match ? `${match[1]}•••@${match[2]}` : undefined;
}
