"""A worker's supervision record: the list, the editor and a note read in full."""
