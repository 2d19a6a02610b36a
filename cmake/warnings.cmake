# Warnings for our own targets only (never global flags): link newsdig::warnings.
add_library(newsdig_warnings INTERFACE)
add_library(newsdig::warnings ALIAS newsdig_warnings)
target_compile_options(newsdig_warnings INTERFACE
  -Wall -Wextra -Wpedantic -Wshadow -Wconversion -Wsign-conversion
  -Wnon-virtual-dtor -Wold-style-cast -Wcast-align -Woverloaded-virtual
  -Wnull-dereference -Wdouble-promotion -Wimplicit-fallthrough
  $<$<BOOL:${NEWSDIG_WERROR}>:-Werror>)
