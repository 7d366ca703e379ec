/* nativeapi-expect
{
  "language": "c",
  "platforms": ["linux-x86_64", "windows-x86"],
  "declarations": {
    "uf_retr": {"kind": "struct", "linux-x86_64": {"size": 56, "fields": [
      {"name": "cert_type", "offset": 0}, {"name": "cert", "offset": 8}, {"name": "ncerts", "offset": 16},
      {"name": "key", "offset": 24}, {"name": "pairs", "offset": 32}, {"name": "i", "offset": 48},
      {"name": "f", "offset": 48}]}},
    "uf_retr.@cert": {"kind": "union", "signature": "union @cert", "linux-x86_64": {"size": 8, "fields": [
      {"name": "x509", "offset": 0}, {"name": "pgp", "offset": 0}]}},
    "uf_retr.cert.x509": {"kind": "field", "type": "int *"},
    "uf_retr.key.x509": {"kind": "field", "type": "char"},
    "uf_retr.@pairs": {"kind": "struct", "linux-x86_64": {"size": 8}, "windows-x86": {"size": 8}},
    "uf_retr.i": {"kind": "field"}
  },
  "once": ["uf_retr.cert.x509", "uf_retr.key.x509", "uf_retr.cert", "uf_retr.key"]
}
*/
/* gnutls.h's gnutls_retr2_st: fields whose type is an unnamed union. Its members are reached through
   the field (s.cert.x509), so they are not the struct's own, as a C11 anonymous member's are (s.i). */
struct uf_retr {
	int cert_type;
	union {
		int *x509;
		long long pgp;
	} cert;
	unsigned ncerts;
	union {
		char x509;
		double pgp;
	} key;
	struct { int a, b; } pairs[2];
	union { int i; float f; };
};

int uf_count(const struct uf_retr *retr);
