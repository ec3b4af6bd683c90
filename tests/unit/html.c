/* html.c: unit tests for the escaping HTML writer (src/web/html.c) */
#include "test.h"
#include "../../src/web/html.h"

#include <signal.h>

/* the test's one output buffer: each check compares it and empties it */
static struct buf out = BUF_INIT;
static struct buf *const b = &out;

static void is(const char *want)
{
	ck_assert_str_eq(out.data, want);
	ck_assert_uint_eq(out.len, strlen(want));
	buf_reset(&out);
}

static void teardown(void)
{
	buf_release(&out);
}

START_TEST(test_text_escapes_every_special)
{
	html_text(b, "a & b < c > d \" e ' f");
	is("a &amp; b &lt; c &gt; d &quot; e &#39; f");
	html_text(b, "&amp;");
	is("&amp;amp;");
	html_text(b, "plain");
	is("plain");
	html_text(b, "");
	is("");
	html_text(b, NULL);
	is("");
	/* tab, newline and carriage return stay in text; other controls go */
	html_text(b, "a\tb\nc\rd\x01" "e\x1f" "f\x7f" "g");
	is("a\tb\nc\rdefg");
	html_text_n(b, "ab\0cd", 5);
	is("abcd");
}
END_TEST

START_TEST(test_script_never_raw)
{
	html_text(b, "\"><script>alert(1)</script>");
	ck_assert_ptr_null(strstr(out.data, "<script"));
	is("&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;");
}
END_TEST

START_TEST(test_utf8_kept)
{
	/* Arabic, Bengali, an emoji and é pass through unchanged */
	const char *ok = "سارة أحمد · সারা · \xF0\x9F\x98\x80 · caf\xC3\xA9";

	html_text(b, ok);
	is(ok);
	html_attr(b, "value", ok);
	is(" value=\"سارة أحمد · সারা · \xF0\x9F\x98\x80 · caf\xC3\xA9\"");
}
END_TEST

START_TEST(test_invalid_utf8_replaced)
{
	/* a lone continuation byte, a lone lead byte, an overlong '/', a UTF-16
	 * surrogate, a code point past U+10FFFF, a truncated sequence at the end */
	html_text(b, "a\x80" "b");
	is("a\xEF\xBF\xBD" "b");
	html_text(b, "a\xC3" "b");
	is("a\xEF\xBF\xBD" "b");
	html_text(b, "\xC0\xAF");
	is("\xEF\xBF\xBD\xEF\xBF\xBD");
	html_text(b, "\xE0\x80\xAF");
	is("\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");
	html_text(b, "\xED\xA0\x80");
	is("\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");
	html_text(b, "\xF4\x90\x80\x80");
	is("\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");
	html_text(b, "x\xE2\x82");
	is("x\xEF\xBF\xBD\xEF\xBF\xBD");
	html_text(b, "\xFF<");
	is("\xEF\xBF\xBD&lt;");
	/* the largest code point and U+FFFF itself are valid */
	html_text(b, "\xF4\x8F\xBF\xBF\xEF\xBF\xBF");
	is("\xF4\x8F\xBF\xBF\xEF\xBF\xBF");
	/* attributes get the same treatment */
	html_attr(b, "title", "\x80");
	is(" title=\"\xEF\xBF\xBD\"");
}
END_TEST

START_TEST(test_attr)
{
	html_attr(b, "value", "say \"hi\" & 'bye'");
	is(" value=\"say &quot;hi&quot; &amp; &#39;bye&#39;\"");
	html_attr(b, "value", "\"><script>alert(1)</script>");
	is(" value=\"&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;\"");
	/* control characters, including newlines, are dropped in attributes */
	html_attr(b, "title", "a\nb\tc\rd\x01" "e");
	is(" title=\"abcde\"");
	html_attr(b, "value", NULL);
	is(" value=\"\"");
	html_attr(b, "data-module", "");
	is(" data-module=\"\"");
	html_attr(b, "xml:lang", "ar");
	is(" xml:lang=\"ar\"");
}
END_TEST

static void bad_attr_name(void)
{
	struct buf tmp = BUF_INIT;

	html_attr(&tmp, "onclick=\"x", "y");
	buf_release(&tmp);
}

START_TEST(test_attr_name_checked)
{
	/* attribute names come from code: a bad one is a bug, caught loudly */
	bad_attr_name();
}
END_TEST

START_TEST(test_textf_escapes_result)
{
	html_textf(b, "%s has %d children", "<script>", 3);
	is("&lt;script&gt; has 3 children");
	html_textf(b, "%s", "\"><script>alert(1)</script>");
	is("&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;");
	html_attrf(b, "href", "/families/%s?tab=%s", "F1", "a\"b");
	is(" href=\"/families/F1?tab=a&quot;b\"");
	html_attrf(b, "width", "%.1f", 12.25);
	is(" width=\"12.2\"");
}
END_TEST

START_TEST(test_url_arg)
{
	html_url_arg(b, "Sara Ahmed");
	is("Sara%20Ahmed");
	html_url_arg(b, "a&b=c");
	is("a%26b%3Dc");
	html_url_arg(b, "W2 1AB");
	is("W2%201AB");
	html_url_arg(b, "سارة");
	is("%D8%B3%D8%A7%D8%B1%D8%A9");
	html_url_arg(b, "keep-_.~");
	is("keep-_.~");
	html_url_arg(b, "+/?#%\"<>'");
	is("%2B%2F%3F%23%25%22%3C%3E%27");
	html_url_arg(b, NULL);
	is("");
}
END_TEST

START_TEST(test_url_in_attribute)
{
	/* the way a page builds a link: literal path, encoded values, then html_attr */
	struct buf url = BUF_INIT;

	buf_adds(&url, "/search?q=");
	html_url_arg(&url, "O'Brien & Sons");
	buf_adds(&url, "&page=2");
	html_attr(b, "href", url.data);
	is(" href=\"/search?q=O%27Brien%20%26%20Sons&amp;page=2\"");
	buf_release(&url);
}
END_TEST

START_TEST(test_raw)
{
	struct buf inner = BUF_INIT;

	/*
	 * html_raw_literal() only takes a string literal: "" lit is string
	 * concatenation, which does not compile with a variable, e.g.
	 *   const char *p = "<p>"; html_raw_literal(b, p);   -- error
	 */
	html_raw_literal(b, "<p class=\"govuk-body\">");
	html_text(&inner, "<b>");
	html_raw_escaped(b, inner.data);
	html_raw_literal(b, "</p>");
	is("<p class=\"govuk-body\">&lt;b&gt;</p>");
	buf_release(&inner);
}
END_TEST

START_TEST(test_svg)
{
	/* SVG output uses the same calls */
	html_raw_literal(b, "<text");
	html_attrf(b, "x", "%d", 10);
	html_raw_literal(b, ">");
	html_text(b, "Queen's Park <W2>");
	html_raw_literal(b, "</text>");
	is("<text x=\"10\">Queen&#39;s Park &lt;W2&gt;</text>");
}
END_TEST

Suite *html_suite(void)
{
	Suite *s = suite_create("html");
	TCase *tc = tcase_create("core");

	tcase_add_checked_fixture(tc, NULL, teardown);
	tcase_add_test(tc, test_text_escapes_every_special);
	tcase_add_test(tc, test_script_never_raw);
	tcase_add_test(tc, test_utf8_kept);
	tcase_add_test(tc, test_invalid_utf8_replaced);
	tcase_add_test(tc, test_attr);
	tcase_add_test_raise_signal(tc, test_attr_name_checked, SIGABRT);
	tcase_add_test(tc, test_textf_escapes_result);
	tcase_add_test(tc, test_url_arg);
	tcase_add_test(tc, test_url_in_attribute);
	tcase_add_test(tc, test_raw);
	tcase_add_test(tc, test_svg);
	suite_add_tcase(s, tc);
	return s;
}

TEST_MAIN(html_suite)
