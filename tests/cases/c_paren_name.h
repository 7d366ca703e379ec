/* nativeapi-expect
{
  "language": "c",
  "platforms": ["linux-x86_64", "windows-x86"],
  "declarations": {
    "pn_sig_cmp": {"kind": "function", "signature": "int pn_sig_cmp(const char *sig, int n)",
      "windows-x86": {"symbols": ["_pn_sig_cmp@8"], "calling_convention": "stdcall"}},
    "pn_table": {"kind": "variable", "signature": "int pn_table[4]"},
    "pn_handler": {"kind": "variable", "signature": "void (*pn_handler)(int)"}
  }
}
*/
/* png.h declares every function through PNG_EXPORT as "type (PNGAPI name)(params)": where PNGAPI
   is empty, clang prints the parentheses, which Sphinx's C domain cannot parse. They are not part
   of the signature; a function pointer's are. */
#ifdef _WIN32
#define PN_API __stdcall
#else
#define PN_API
#endif

int (PN_API pn_sig_cmp)(const char *sig, int n);
extern int (pn_table)[4];
extern void (*pn_handler)(int);
