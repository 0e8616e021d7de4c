"""Team devices: a local web server, a page per team and one for the teacher; no rules here."""
