"""Running a scheme over input files: the front ends of ``assesskit score``.

Each front end drives the engine's one plan (:mod:`assesskit.scoring`,
:mod:`assesskit.pipeline`) over what :mod:`assesskit.io` reads, and hands
the results to its writers:

- :mod:`~assesskit.run.files`: every record of every file checked at once,
  problems located in their files ("a.csv line 4"), then scored exactly;
- :mod:`~assesskit.run.streaming`: CSV to CSV in chunks, on the batch path,
  in bounded memory; history and the same entity and period twice over the
  keys kept of every record (:mod:`~assesskit.run.stream_keys`).

Dependencies point one way: this package imports :mod:`assesskit.io`, never
the reverse (``assesskit.io`` offers :func:`~assesskit.run.files.score_tables`
and :func:`~assesskit.run.files.check_records` by name, loaded on first use).
"""
