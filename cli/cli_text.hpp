#pragma once

// The command line's own words in Chinese and English: its help, and what
// it says when the command line is wrong. The reports' words are in
// runtime/src/reports/words.cpp; these are only the executable's.
//
// A text holding {} is a pattern for fmt, with the same number of {} in
// both languages.

#include <cstdint>
#include <string_view>

#include "perfeval/lang/diagnostic.hpp"

namespace perfeval::cli {

enum class Say : std::uint8_t {
  // The help: what perfeval does, its commands, and its exit statuses.
  description,
  footer,
  // CLI11's labels in a help text.
  label_usage,
  label_options_word,  // [OPTIONS] in a usage line
  label_command_word,  // [SUBCOMMAND] in a usage line
  label_positionals,
  label_options,
  label_required,
  // The kind of value an option takes.
  value_format,
  value_file,
  value_number,
  value_lang,
  value_when,
  value_name,
  value_command,
  // What each option and argument is.
  help_flag,
  version_flag,
  format_option,
  output_option,
  jobs_option,
  lang_option,
  quiet_option,
  color_option,
  rules_argument,
  data_argument,
  policy_option,
  filter_option,
  tests_argument,
  fmt_files_argument,
  fmt_check_option,
  project_option,
  indicator_option,
  help_command_argument,
  template_project_option,
  template_output_option,
  // What each command does.
  score_command,
  audit_command,
  explain_command,
  check_command,
  test_command,
  fmt_command,
  help_command,
  template_command,
  // A wrong command line: one sentence, then where to read more.
  see_help,
  required,
  not_expected,
  no_such_option,
  not_an_option_of,
  did_you_mean,
  option_of_other_command,
  not_a_command,
  no_such_command,
  not_one_of,
  not_a_whole_number,
  needs_value,
  cannot_read,
  data_file_alone,
  rules_and_data_swapped,
  output_folder_missing,
  output_folder_not_folder,
  output_folder_not_writable,
  // explain -p / -i that match nothing.
  no_such_project,
  no_such_indicator,
  // perfeval template.
  no_project_types,
  no_such_project_type,
  template_written,
  // The progress line on a terminal.
  progress_done,
  progress_of,
  progress_left,
  // perfeval serve.
  serve_command,
  port_option,
  listen_option,
  value_address,

  count_  // not a text: how many there are
};

// The text of `what` in `lang`.
std::string_view say(Say what, Lang lang);

}  // namespace perfeval::cli
