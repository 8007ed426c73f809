// A ValueError is a code and arguments; its sentences live in the front
// end's message table. Every problem parse_value can report must have a
// sentence there in both languages, filled in completely.

#include <algorithm>
#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "../../lang/src/messages.hpp"
#include "perfeval/lang/diagnostic.hpp"
#include "perfeval/values/value.hpp"

using namespace perfeval;

TEST_CASE("every value problem has a full sentence in Chinese and English", "[value]") {
  // One text for each way value text can be wrong.
  const std::vector<std::string> texts = {"13\xff人",
                                          "",
                                          ">=",
                                          "==5",
                                          "2024年2月30日",
                                          "2024年13月1日",
                                          "2024年1月0日",
                                          "2024年12月31日 x",
                                          "2024-12",
                                          "0242年1月1日",
                                          "24年12月1日",
                                          "2024年",
                                          "2024年12月",
                                          "2024年12月10号",
                                          "13 km",
                                          "+5",
                                          ".5",
                                          "1.2.3万元",
                                          "13人 abc",
                                          "0.0000000000000000001人",
                                          "１３人",
                                          "第2名",
                                          std::string(60, '9') + "亿元"};
  std::vector<std::string> codes;
  for (const auto& text : texts) {
    INFO("text: " << text);
    const auto parsed = parse_value(text);
    REQUIRE(std::holds_alternative<ValueError>(parsed));
    const ValueError& e = std::get<ValueError>(parsed);
    codes.emplace_back(e.code);
    REQUIRE(find_message(e.code) != nullptr);
    for (const Lang lang : {Lang::zh, Lang::en}) {
      const std::string sentence = message_text(cause_of(e), lang);
      INFO(sentence);
      CHECK_FALSE(sentence.empty());
      CHECK(sentence.find('{') == std::string::npos);  // every placeholder filled
      if (!e.args.empty()) {
        // The text as written is quoted the way each language quotes.
        CHECK(sentence.find(lang == Lang::zh ? "“" + e.args[0] + "”" : "'" + e.args[0] + "'") !=
              std::string::npos);
      }
    }
  }
  std::sort(codes.begin(), codes.end());
  // Each text above shows a different problem.
  CHECK(std::unique(codes.begin(), codes.end()) == codes.end());
  CHECK(codes.size() == 23);
}
