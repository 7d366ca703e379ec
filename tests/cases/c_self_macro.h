/* nativeapi-expect
{
  "language": "c",
  "platforms": ["linux-x86_64"],
  "declarations": {
    "SELF_ERROR": {"kind": "enumerator", "value": "0"},
    "SELF_OK": {"kind": "enumerator", "value": "1"},
    "self_var": {"kind": "variable"},
    "SELF_LIMIT": {"kind": "macro", "value": "SELF_OK"}
  },
  "once": ["SELF_ERROR", "SELF_OK", "self_var"]
}
*/
/* expat's idiom (and glibc's, for SOCK_STREAM and stdin): a macro that names itself, only so that
   #ifdef sees the enumerator or variable. The enumerator or variable is the API, once; a macro that
   names something else is API of its own. */
enum self_status {
  SELF_ERROR = 0,
#define SELF_ERROR SELF_ERROR
  SELF_OK = 1
#define SELF_OK SELF_OK
};

extern int self_var;
#define self_var self_var

#define SELF_LIMIT SELF_OK
