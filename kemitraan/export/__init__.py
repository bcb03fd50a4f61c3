"""The presentation deck and its exports: PowerPoint with native charts, one offline HTML report, a workbook.

- :mod:`~kemitraan.export.context`: what every export prints (scope, period with partial years marked,
  data date, batch count, the demo marker);
- :mod:`~kemitraan.export.deck`: the slides, built from the same queries and chart functions as the pages;
- :mod:`~kemitraan.export.takeaways`: each slide's title as a sentence computed from the data;
- :mod:`~kemitraan.export.pptx_export`, :mod:`~kemitraan.export.html_export`, :mod:`~kemitraan.export.xlsx_export`;
- :mod:`~kemitraan.export.spreadsheet`: formula-safe CSV and XLSX of one table (the pages' downloads).

See docs/EXPORT.md.
"""
