"""Report and see: the sections pages and the offline report share, and the pages.

`sections` builds them from the Measure services, with `charts` and `labels`;
`render` writes the offline report, `views` what each page of the web app shows.
"""
