"""What every layer of the local cloud shares: ARM's error model and id/time values. Imports nothing above it."""
