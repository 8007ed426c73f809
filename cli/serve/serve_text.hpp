#pragma once

// What perfeval serve says, in Chinese and English: on the terminal when it
// starts, and in the answer to a request the page (or anyone) got wrong.

#include <cstdint>
#include <string_view>

#include "perfeval/lang/diagnostic.hpp"

namespace perfeval::serve {

enum class ServeSay : std::uint8_t {
  listening,  // {} the address
  how_to_stop,
  not_loopback,   // {} the address
  cannot_listen,  // {} host, {} port
  not_found,
  wrong_method,
  not_json,           // the body is not a JSON object with name and text
  unknown_rule_file,  // {} the name
  rule_has_errors,
  cannot_save,  // {} why
  no_files,
  not_a_data_file,  // {} the name
  unknown_format,   // {} the format
  too_large,        // {} the limit in MB
  not_from_page,
  wrong_host,
  failed,  // {} why
  changed_elsewhere,
  count_
};

std::string_view serve_say(ServeSay what, Lang lang);

}  // namespace perfeval::serve
