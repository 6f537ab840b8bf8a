"""One loader per format; ``extractors.loading`` picks one by content."""
