#include "indexer/formats/markup.hpp"

#include <string>
#include <string_view>

#include <boost/test/unit_test.hpp>

namespace newsdig::formats::detail {

BOOST_AUTO_TEST_SUITE(markup)

BOOST_AUTO_TEST_CASE(finds_elements_by_exact_name_with_attributes_and_content) {
  const std::string_view text = "<DOCNO>x</DOCNO><DOC ID=\"7\">one<DOCX>no</DOCX></DOC> tail";
  const auto doc = find_element(text, "DOC");
  BOOST_TEST_REQUIRE(doc.has_value());
  BOOST_TEST(doc->attributes == " ID=\"7\"");
  BOOST_TEST(doc->content == "one<DOCX>no</DOCX>");
  BOOST_TEST(doc->closed);
  BOOST_TEST(text.substr(doc->begin, 4) == "<DOC");
  BOOST_TEST(text.substr(doc->end) == " tail");
  BOOST_TEST(!find_element(text, "DO").has_value());
  BOOST_TEST(!find_element(text, "doc").has_value());
  BOOST_TEST(find_element(text, "DOCX")->content == "no");
}

BOOST_AUTO_TEST_CASE(an_element_without_end_tag_runs_to_the_end_of_the_text) {
  const auto body = find_element("<BODY>text that never closes", "BODY");
  BOOST_TEST_REQUIRE(body.has_value());
  BOOST_TEST(!body->closed);
  BOOST_TEST(body->content == "text that never closes");
  BOOST_TEST(!find_element("<BODY", "BODY").has_value());
  BOOST_TEST(!find_element("text </BODY>", "BODY").has_value());
}

BOOST_AUTO_TEST_CASE(searching_from_an_offset_finds_the_next_element) {
  const std::string_view text = "<D>usa</D><D>uk</D>";
  const auto first = find_element(text, "D");
  BOOST_TEST_REQUIRE(first.has_value());
  const auto second = find_element(text, "D", first->end);
  BOOST_TEST_REQUIRE(second.has_value());
  BOOST_TEST(second->content == "uk");
  BOOST_TEST(!find_element(text, "D", second->end).has_value());
}

BOOST_AUTO_TEST_CASE(reads_attribute_values_quoted_or_not) {
  const std::string_view attributes = " OLDID=\"5544\" NEWID=\"1\" TYPE=BRIEF LANG='en' EMPTY=\"\"";
  BOOST_TEST(attribute(attributes, "NEWID") == "1");
  BOOST_TEST(attribute(attributes, "OLDID") == "5544");
  BOOST_TEST(attribute(attributes, "TYPE") == "BRIEF");
  BOOST_TEST(attribute(attributes, "LANG") == "en");
  BOOST_TEST(attribute(attributes, "EMPTY").empty());
  BOOST_TEST(attribute(attributes, "ID").empty());
  BOOST_TEST(attribute(attributes, "MISSING").empty());
}

BOOST_AUTO_TEST_CASE(decodes_character_references) {
  struct Case {
    std::string_view text;
    std::string_view expected;
  };
  const Case cases[] = {
      {"AT&amp;T &lt;T> &quot;x&quot; &apos;y&apos;", "AT&T <T> \"x\" 'y'"},
      {"caf&eacute; &Uuml;ber &szlig; &yuml;",
       "caf\xC3\xA9 \xC3\x9C"
       "ber \xC3\x9F \xC3\xBF"},
      {"&#233; &#xE9; &#X20AC; &#8220;q&#8221;", "\xC3\xA9 \xC3\xA9 \xE2\x82\xAC \xE2\x80\x9Cq\xE2\x80\x9D"},
      {"&#2;wire&#3; codes&#5;&#127;", "wire codes"},
      {"tab&#9;kept", "tab\tkept"},
      {"&#147;smart&#148;", "\xE2\x80\x9Csmart\xE2\x80\x9D"},
      {"&#xD800; &#1114112;", "\xEF\xBF\xBD \xEF\xBF\xBD"},
      {"fish &amp chips & &unknown; &#; &#x; &;", "fish &amp chips & &unknown; &#; &#x; &;"},
      {"&hyph;re&hyph;enter&blank;now", "-re-enter now"},
  };
  for (const Case& c : cases) {
    BOOST_TEST_CONTEXT(c.text) {
      BOOST_TEST(decode_references(c.text) == c.expected);
    }
  }
}

BOOST_AUTO_TEST_CASE(strip_tags_makes_paragraph_tags_paragraph_breaks) {
  BOOST_TEST(strip_tags("<P>One <F P=102>two</F></P><P>Three &lt;x&gt;</P>") ==
             "\n\nOne two\n\n\n\nThree <x>\n\n");
  BOOST_TEST(strip_tags("a <!-- hidden <P> --> b") == "a  b");
  BOOST_TEST(strip_tags("1 < 2 and 3<4") == "1 < 2 and 3<4");
  BOOST_TEST(strip_tags("<p class=x>lower</p>") == "\n\nlower\n\n");
  BOOST_TEST(strip_tags("<PRE>not a paragraph</PRE>") == "not a paragraph");
}

BOOST_AUTO_TEST_CASE(reflow_keeps_paragraphs_and_joins_wrapped_lines) {
  struct Case {
    std::string_view text;
    std::string_view expected;
  };
  const Case cases[] = {
      {"First line\nwrapped here.\n    Indented starts\na paragraph.\n",
       "First line wrapped here.\n\nIndented starts a paragraph."},
      {"One.\n\nTwo\r\nthree.", "One.\n\nTwo three."},
      {"   All lines\n   indented: one\n   paragraph.", "All lines indented: one paragraph."},
      {"   Para one\nwraps.\n   Para two.", "Para one wraps.\n\nPara two."},
      {"Runs   of\tspace  collapse.", "Runs of space collapse."},
      {"\n\n  \n", ""},
  };
  for (const Case& c : cases) {
    BOOST_TEST_CONTEXT(c.text) {
      BOOST_TEST(reflow(c.text) == c.expected);
    }
  }
}

BOOST_AUTO_TEST_CASE(dateline_place_drops_dash_date_and_agency) {
  struct Case {
    std::string_view dateline;
    std::string_view place;
  };
  const Case cases[] = {
      {"    SALVADOR, Feb 26 - ", "SALVADOR"},
      {"    SANTA CLARA, Calif., April 9 - ", "SANTA CLARA, Calif."},
      {"    HOUSTON, APril 9 - ", "HOUSTON"},
      {"NEW YORK, Sept. 3 --", "NEW YORK"},
      {"TOKYO  Nov 6", "TOKYO"},
      {"ANCHORAGE, Alaska", "ANCHORAGE, Alaska"},
      {"GULL HARBOR, Maine (AP) ", "GULL HARBOR, Maine"},
      {"BERLIN \xE2\x80\x94", "BERLIN"},
      {"Nov 16", ""},
      {"ROUTE 9", "ROUTE 9"},
  };
  for (const Case& c : cases) {
    BOOST_TEST_CONTEXT(c.dateline) {
      BOOST_TEST(dateline_place(c.dateline) == c.place);
    }
  }
}

BOOST_AUTO_TEST_CASE(byline_names_drop_by_and_the_agency) {
  BOOST_TEST(byline_names("    By Jane Doe, Reuters") == "Jane Doe");
  BOOST_TEST(byline_names("By  Eric Auchard  and  Paul Thomasch") == "Eric Auchard and Paul Thomasch");
  BOOST_TEST(byline_names("BY JANE ORWELL") == "JANE ORWELL");
  BOOST_TEST(byline_names("Byron Lake") == "Byron Lake");
  BOOST_TEST(byline_names("  ") == "");
}

BOOST_AUTO_TEST_CASE(line_counter_counts_lines_up_to_an_offset) {
  const std::string_view text = "a\nb\nc\n\nd";
  LineCounter lines(text);
  BOOST_TEST(lines.line_at(0) == 1U);
  BOOST_TEST(lines.line_at(2) == 2U);
  BOOST_TEST(lines.line_at(6) == 4U);
  BOOST_TEST(lines.line_at(7) == 5U);
  BOOST_TEST(lines.line_at(100) == 5U);
  BOOST_TEST(lines.line_at(1) == 1U);  // backwards: counted again from the start
  LineCounter from_ten(text, 10);
  BOOST_TEST(from_ten.line_at(2) == 11U);
}

BOOST_AUTO_TEST_CASE(pubdates_come_out_in_iso_form_or_not_at_all) {
  BOOST_TEST(iso_pubdate("Fri Oct 20, 2006 6:15pm EDT").value_or("none") == "2006-10-20T18:15:00-04:00");
  BOOST_TEST(iso_pubdate("soon").value_or("none") == "none");
  BOOST_TEST(bad_date_message("soon") == "date \"soon\" not understood; indexed without a date");
  BOOST_TEST(bad_date_message(std::string(100, 'x')).size() < 110U);
}

BOOST_AUTO_TEST_CASE(language_codes_are_reduced_to_the_primary_subtag) {
  BOOST_TEST(language_code("en-GB").value_or("none") == "en");
  BOOST_TEST(language_code("PT_br").value_or("none") == "pt");
  BOOST_TEST(language_code("deu").value_or("none") == "deu");
  BOOST_TEST(language_code("english").value_or("none") == "none");
  BOOST_TEST(language_code("").value_or("none") == "none");
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace newsdig::formats::detail
