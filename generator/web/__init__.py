"""The workspace in the browser («prikaz serve»): edit, preview, sign and amend without TOML.

One concept per module: ``storage`` (SQLite in ``.prikaz/``), ``auth`` (passwords, sessions,
rights), ``csrf``, ``forms`` (fields generated from the config models), ``tomledit``
(comment-preserving saves with tomlkit), ``audit`` (history and changes made on disk),
``preview`` (the PDF and its pages as PNG, typeset by Typst, in a cache of its own),
``workspace`` (what every route shares), ``app`` (the application) and ``routes/`` (one
module per area).
"""
