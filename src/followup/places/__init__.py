"""Where and when: the employer's time zone (from a country, a region, a phone number), the
public holidays of a country and region, and this computer's own zone."""
