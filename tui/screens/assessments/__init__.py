"""The assessment tab of the case file, its forms, the ratings over time and two versions
compared."""
