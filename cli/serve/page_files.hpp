#pragma once

// The page perfeval serve shows: the files under cli/serve/page, embedded
// into the binary when it is built (embed_page.cmake writes the table).

#include <span>
#include <string_view>

namespace perfeval::serve {

struct PageFile {
  std::string_view path;          // "/page.js"; the page itself is "/index.html"
  std::string_view content_type;  // "text/javascript; charset=utf-8"
  std::string_view bytes;
};

std::span<const PageFile> page_files();

}  // namespace perfeval::serve
