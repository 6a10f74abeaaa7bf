"""The email-address request log: counselor approval before release, on a hash-chained record."""
