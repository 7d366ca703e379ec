/* A header right in a system dir whose own configuration headers lie beside it, included with quotes
   (jpeglib.h's "jmorecfg.h"), one of them in the multiarch twin of its folder (jpeglib.h's
   "jconfig.h"); a foreign header right beside it is included with angle brackets. */
#include "morecfg.h"
#include "archcfg.h"
#include <zlibish.h>
JPEGISH_BOOL jpegish_start(archcfg_word size);
