/* nativeapi-expect
{
  "language": "c",
  "comment_style": "plain-after",
  "platforms": ["linux-x86_64"],
  "declarations": {
    "pa_version": {"doc": {"brief": "Returns the version string; compare it with PA_VERSION."}},
    "pa_compress": {"doc": {"brief": "Compresses src into dst."}},
    "pa_undocumented": {"doc": null},
    "pa_state": {"kind": "struct", "doc": {"brief": "The state of one stream."}},
    "PA_LEVEL": {"kind": "macro", "doc": {"brief": "The default level."}},
    "PA_BARE": {"kind": "macro", "doc": null},
    "pa_after_macro": {"doc": {"brief": "Documented below itself, not above the macro."}}
  }
}
*/
/* The zlib style: each prototype first, its documentation in the plain comment below it. A comment
   above a declaration belongs to the one before, never to it. */
#define OF(args) args

const char *pa_version OF((void));
/* Returns the version string; compare it with PA_VERSION. */

int pa_compress OF((unsigned char *dst, const unsigned char *src, unsigned long n));
/*
     Compresses src into dst.

     Returns 0 on success.
*/

int pa_undocumented(void);

#define PA_LEVEL 6
/* The default level. */

#define PA_BARE 1
int pa_after_macro(void);
/* Documented below itself, not above the macro. */

typedef struct pa_state {
    int level;
} pa_state;
/* The state of one stream. */
