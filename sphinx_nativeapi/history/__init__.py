"""Release history: a release dump (the model of every platform plus every binary's exports), the diff
of two of them (per platform, each change with a rule, a kind and a text), waivers, the semver bump the
changes require, and the reports of it.

``release`` writes and reads dumps; ``rules`` names every change the diff can report and ``change`` is
one of them; ``types`` tells an ABI change of a type from a change of its spelling; ``diff`` compares
two releases through ``exports`` (the export tables) and ``declarations`` (the headers); ``waivers``
and ``semver`` judge the changes; ``report`` prints them.
"""
