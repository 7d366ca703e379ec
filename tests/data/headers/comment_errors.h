/* A library's own doc comments with reST faults, as fmt/format.h has one: each is the library's to fix,
   so the page that documents it reports them as warnings it can silence. */

/**
 \rst
 Opens a stream with a message formatted with
 ``lib_format(fmt, args...)``.
  *code* is a system error code as given by ``errno``.
 \endrst
 */
int lib_open(int code);

/**
 * \rst
 * Closes a stream; see :nosuchrole:`lib_open` for the other end.
 * \endrst
 */
void lib_close(int handle);

/**
 * \rst
 * Resets a stream.
 *
 * .. nosuchdirective:: all
 * \endrst
 */
void lib_reset(int handle);

/**
 * \rst
 * Moves in a stream, as `POSIX lseek`_ does,
 * and as `the spec`_ says.
 *
 * .. _POSIX lseek: https://pubs.opengroup.org/onlinepubs/9699919799/functions/lseek.html
 * \endrst
 */
void lib_seek(int handle, long offset);

/// Flushes a stream.
/// \param handle the stream, opened by :c:func:`lib_open`
int lib_flush(int handle);
