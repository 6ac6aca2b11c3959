/** One download the console offers: what the button says, and what a screen reader hears. */
export interface Download {
  href: string;
  label: string;
  ariaLabel?: string;
}

/** The download buttons in a section's head (files are built by the server; the link only asks). */
export function Downloads({ links }: { links: readonly Download[] }) {
  return (
    <div className="downloads">
      {links.map((link) => (
        <a key={link.href} className="button" href={link.href} download aria-label={link.ariaLabel}>
          {link.label}
        </a>
      ))}
    </div>
  );
}
