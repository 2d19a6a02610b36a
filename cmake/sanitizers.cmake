# ASan+UBSan for our targets and the test executables: link newsdig::sanitizers.
add_library(newsdig_sanitizers INTERFACE)
add_library(newsdig::sanitizers ALIAS newsdig_sanitizers)
if(NEWSDIG_SANITIZE)
  set(_newsdig_san_flags -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined)
  target_compile_options(newsdig_sanitizers INTERFACE ${_newsdig_san_flags})
  target_link_options(newsdig_sanitizers INTERFACE ${_newsdig_san_flags})
endif()
