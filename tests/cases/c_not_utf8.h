/* nativeapi-expect
{
  "language": "c",
  "platforms": [
    "linux-x86_64"
  ],
  "cli": true,
  "declarations": {
    "nu_open": {
      "doc": {
        "brief": "Opens it \u201cfast\u201d, says J\u00f6rg M\u00fcller \u00a9 2003."
      }
    },
    "nu_close": {
      "doc": {
        "brief": "Closes it; the UTF-8 caf\u00e9 stays caf\u00e9, a stray \u00ff\u0081 byte stays."
      }
    },
    "NU_MAX": {
      "kind": "macro",
      "doc": {
        "brief": "At most 90\u00b0."
      }
    },
    "nu_state": {
      "kind": "struct"
    },
    "nu_state.angle": {
      "doc": {
        "brief": "In degrees (\u00b0)."
      }
    }
  },
  "shown": [
    "J\u00f6rg M\u00fcller",
    "\u201cfast\u201d",
    "caf\u00e9 stays caf\u00e9",
    "90\u00b0",
    "degrees (\u00b0)"
  ]
}
*/
/* Not UTF-8: a header as old editors wrote it. Its author's name, a copyright sign and smart quotes
   are Latin-1 / Windows-1252 bytes: Jˆrg M¸ller © 2003. clang accepts the file. */
#ifndef NU_H
#define NU_H

/** Opens it ìfastî, says Jˆrg M¸ller © 2003. */
int nu_open(const char *path);

/** Closes it; the UTF-8 caf√© stays caf√©, a stray ˇÅ byte stays. */
int nu_close(int handle);

/** At most 90∞. */
#define NU_MAX 90

/** A state. */
struct nu_state {
    int angle; /**< In degrees (∞). */
};

#endif
