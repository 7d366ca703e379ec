"""One translation unit's cursors -> declarations with their facts on that unit's platform.

The walk (``walk``) hands each declaration to the module of its family: ``functions``, ``records``,
``types`` (enums, typedefs, aliases) and ``macros``; ``common`` holds what they share.
"""

from sphinx_nativeapi.scanner.extract.walk import Extractor

__all__ = ["Extractor"]
