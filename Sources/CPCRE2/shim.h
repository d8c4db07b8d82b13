// PCRE2 for UTF-8 text: its functions are declared with the _8 suffix.
#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
