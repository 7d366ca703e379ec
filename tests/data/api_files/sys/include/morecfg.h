typedef int JPEGISH_BOOL;
