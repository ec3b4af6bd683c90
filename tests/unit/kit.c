/* kit.c: unit tests for the GOV.UK components (src/web/kit.c) */
#include "test.h"
#include "../../src/web/kit.h"
#include "../../src/web/html.h"
#include "../../src/web/i18n.h"

#include <unistd.h>
#include <sys/wait.h>

#define EVIL "\"><script>alert(1)</script>"

static struct buf out = BUF_INIT;

static void setup(void)
{
	ck_assert_int_eq(i18n_load_dir("i18n"), 0);
}

static void teardown(void)
{
	buf_release(&out);
	i18n_release();
}

static void has(const char *needle)
{
	ck_assert_msg(strstr(out.data, needle), "'%s' not in:\n%s", needle, out.data);
}

static void lacks(const char *needle)
{
	ck_assert_msg(!strstr(out.data, needle), "'%s' unexpectedly in:\n%s", needle, out.data);
}

/* a user value never comes out raw: no <script>, no attribute break-out */
static void safe(void)
{
	lacks("<script>");
	lacks("\"><script");
	lacks("alert(1)\"");
}

START_TEST(test_page_layout)
{
	struct kit_page p = {
		.lang = "en", .title = "Find a family", .nav = KIT_NAV_ALL,
		.nav_current = KIT_NAV_SEARCH, .user_name = "Sam " EVIL,
		.csrf_token = "tok" EVIL, .back_href = "/search?q=a&b", .lang_base = "/search?lang=",
	};

	kit_page_begin(&out, &p);
	kit_p(&out, "Hello");
	kit_page_end(&out, &p);
	has("<!DOCTYPE html>\n<html class=\"govuk-template\" lang=\"en\" dir=\"ltr\">");
	has("<title>Find a family - Reach</title>");
	has("<a href=\"#main-content\" class=\"govuk-skip-link\" data-module=\"govuk-skip-link\">Skip to main content</a>");
	has("class=\"govuk-service-navigation\" data-module=\"govuk-service-navigation\"");
	has("<li class=\"govuk-service-navigation__item govuk-service-navigation__item--active\">");
	has("href=\"/search\" aria-current=\"page\"");
	has(">Register a family<");
	has(">Admin<");
	has("Signed in as Sam &quot;&gt;&lt;script&gt;");
	has("<form method=\"post\" action=\"/logout\"");
	has("name=\"csrf_token\" value=\"tok&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;\"");
	has(">Sign out</button>");
	has("<a href=\"/search?q=a&amp;b\" class=\"govuk-back-link\">Back</a>");
	has("<main class=\"govuk-main-wrapper\" id=\"main-content\">");
	has("<link rel=\"stylesheet\" href=\"/assets/govuk-frontend.min.css\">");
	has("<link rel=\"stylesheet\" href=\"/assets/reach.css\">");
	has("<script type=\"module\" src=\"/assets/govuk-frontend.min.js\"></script>");
	has("<script type=\"module\" src=\"/assets/reach.js\"></script>");
	has("class=\"govuk-language-navigation\"");
	has("href=\"/search?lang=ar\" rel=\"alternate\" lang=\"ar\" hreflang=\"ar\" dir=\"rtl\">العربية</a>");
	has("class=\"govuk-footer\"");
	has("</html>\n");
	safe();
	/* no inline script: the Content-Security-Policy forbids it */
	lacks("<script>");
	lacks("onclick");
}
END_TEST

START_TEST(test_page_arabic_rtl)
{
	struct kit_page p = { .lang = "ar", .title = "تسجيل أسرة", .has_errors = 1, .nav = KIT_NAV_SEARCH };

	kit_page_begin(&out, &p);
	kit_page_end(&out, &p);
	has("lang=\"ar\" dir=\"rtl\"");
	has("<title>خطأ: تسجيل أسرة - Reach</title>");
	has(">البحث<");
	/* one item: no menu toggle button; no user: no sign-out form */
	lacks("govuk-service-navigation__toggle");
	lacks("/logout");
	lacks("govuk-language-navigation");
}
END_TEST

START_TEST(test_page_unknown_language)
{
	struct kit_page p = { .lang = EVIL, .title = EVIL };

	kit_page_begin(&out, &p);
	kit_page_end(&out, &p);
	has("lang=\"en\" dir=\"ltr\"");
	has("<title>&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt; - Reach</title>");
	safe();
}
END_TEST

START_TEST(test_error_summary)
{
	struct kit_errors e = KIT_ERRORS_INIT;

	kit_error_summary(&out, "en", &e);
	ck_assert_str_eq(out.data, "");
	kit_errors_add(&e, "postcode", "Enter a valid UK postcode");
	kit_errors_add(&e, "child-dob-day", "Enter a date of birth " EVIL);
	kit_errors_add(&e, "x\" onmouseover=\"y", "odd id");
	kit_errors_add(&e, "", "A problem with the whole form");
	ck_assert_str_eq(kit_errors_get(&e, "postcode"), "Enter a valid UK postcode");
	ck_assert_ptr_null(kit_errors_get(&e, "first_name"));
	kit_error_summary(&out, "en", &e);
	has("<div class=\"govuk-error-summary\" data-module=\"govuk-error-summary\">");
	has("<div role=\"alert\">");
	has("<h2 class=\"govuk-error-summary__title\">There is a problem</h2>");
	has("<ul class=\"govuk-list govuk-error-summary__list\">");
	has("<li><a href=\"#postcode\">Enter a valid UK postcode</a></li>");
	has("<li><a href=\"#child-dob-day\">Enter a date of birth &quot;&gt;&lt;script&gt;");
	has("<a href=\"#x&quot; onmouseover=&quot;y\">");
	has("<li>A problem with the whole form</li>");
	safe();
	buf_reset(&out);
	kit_error_summary(&out, "ar", &e);
	has("توجد مشكلة");
	kit_errors_release(&e);
	ck_assert_uint_eq(e.nr, 0);
}
END_TEST

START_TEST(test_input)
{
	kit_input(&out, &(struct kit_input){
		.name = "postcode", .label = "Postcode", .hint = "For example, W2 1AB",
		.error = "Enter a valid UK postcode", .value = EVIL, .width = 10,
		.autocomplete = "postal-code", .spellcheck_off = 1, .autocapitalize = "characters" });
	has("<div class=\"govuk-form-group govuk-form-group--error\">");
	has("<label class=\"govuk-label\" for=\"postcode\">Postcode</label>");
	has("<div id=\"postcode-hint\" class=\"govuk-hint\">For example, W2 1AB</div>");
	has("<p id=\"postcode-error\" class=\"govuk-error-message\">");
	has("<span class=\"govuk-visually-hidden\">Error:</span> Enter a valid UK postcode");
	has("<input class=\"govuk-input govuk-input--width-10 govuk-input--error\" id=\"postcode\" "
	    "name=\"postcode\" type=\"text\" spellcheck=\"false\" "
	    "value=\"&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;\" "
	    "aria-describedby=\"postcode-hint postcode-error\" autocomplete=\"postal-code\" "
	    "autocapitalize=\"characters\">");
	safe();
}
END_TEST

START_TEST(test_input_keeps_value)
{
	kit_input(&out, &(struct kit_input){
		.lang = "ar", .name = "first_name", .id = "carer-first-name", .label = "الاسم الأول",
		.value = "سارة", .inputmode = "text", .type = "text" });
	has("<div class=\"govuk-form-group\">");
	has("for=\"carer-first-name\"");
	has("id=\"carer-first-name\" name=\"first_name\" type=\"text\" value=\"سارة\" inputmode=\"text\">");
	lacks("aria-describedby");
	lacks("govuk-input--error");
	buf_reset(&out);
	kit_input(&out, &(struct kit_input){ .lang = "ar", .name = "q", .label = "x", .error = "y" });
	has("<span class=\"govuk-visually-hidden\">خطأ:</span> y");
}
END_TEST

START_TEST(test_textarea)
{
	kit_textarea(&out, &(struct kit_textarea){
		.name = "notes", .label = "Notes", .error = "Too long", .value = "line 1\n</textarea>" EVIL });
	has("<textarea class=\"govuk-textarea govuk-textarea--error\" id=\"notes\" name=\"notes\" rows=\"5\" "
	    "aria-describedby=\"notes-error\">\nline 1\n&lt;/textarea&gt;&quot;&gt;&lt;script&gt;");
	safe();
	lacks("</textarea>&");
}
END_TEST

START_TEST(test_date_input)
{
	kit_date_input(&out, &(struct kit_date){
		.name = "dob", .legend = "Date of birth", .hint = "For example, 27 3 2023",
		.error = "Date of birth must be a real date", .error_parts = KIT_DATE_MONTH,
		.day = "31", .month = "13", .year = EVIL, .birthday = 1 });
	has("<div class=\"govuk-form-group govuk-form-group--error\">");
	has("<fieldset class=\"govuk-fieldset\" role=\"group\" aria-describedby=\"dob-hint dob-error\">");
	has("<legend class=\"govuk-fieldset__legend\">Date of birth</legend>");
	has("<div class=\"govuk-date-input\" id=\"dob\">");
	has("<label class=\"govuk-label govuk-date-input__label\" for=\"dob-day\">Day</label>");
	has("<input class=\"govuk-input govuk-date-input__input govuk-input--width-2\" id=\"dob-day\" "
	    "name=\"dob-day\" type=\"text\" value=\"31\" autocomplete=\"bday-day\" inputmode=\"numeric\">");
	has("<input class=\"govuk-input govuk-date-input__input govuk-input--error govuk-input--width-2\" "
	    "id=\"dob-month\" name=\"dob-month\" type=\"text\" value=\"13\"");
	has("class=\"govuk-input govuk-date-input__input govuk-input--width-4\" id=\"dob-year\"");
	safe();
	buf_reset(&out);
	kit_date_input(&out, &(struct kit_date){ .lang = "ar", .name = "d", .legend = "x", .error = "y" });
	has(">اليوم<");
	has(">الشهر<");
	has(">السنة<");
	/* an error without parts marks every box */
	ck_assert_ptr_nonnull(strstr(strstr(out.data, "id=\"d-year\"") - 80, "govuk-input--error"));
}
END_TEST

START_TEST(test_radios)
{
	static const struct kit_item items[] = {
		{ .value = "y", .text = "Yes" },
		{ .value = "n", .text = "No", .hint = "Not " EVIL },
		{ .value = NULL, .text = "or" },
		{ .value = EVIL, .text = EVIL },
	};

	kit_radios(&out, &(struct kit_choices){
		.name = "lone_parent", .legend = "Is this a lone-parent family?", .legend_size = "m",
		.hint = "One parent", .error = "Select yes if this is a lone-parent family",
		.items = items, .nitems = 4, .value = "n", .is_inline = 1 });
	has("<fieldset class=\"govuk-fieldset\" aria-describedby=\"lone_parent-hint lone_parent-error\">");
	has("<legend class=\"govuk-fieldset__legend govuk-fieldset__legend--m\">Is this a lone-parent family?</legend>");
	has("<div class=\"govuk-radios govuk-radios--inline\" data-module=\"govuk-radios\">");
	has("<div class=\"govuk-radios__item\">\n<input class=\"govuk-radios__input\" id=\"lone_parent\" "
	    "name=\"lone_parent\" type=\"radio\" value=\"y\">");
	has("id=\"lone_parent-2\" name=\"lone_parent\" type=\"radio\" value=\"n\" checked "
	    "aria-describedby=\"lone_parent-2-item-hint\">");
	has("<label class=\"govuk-label govuk-radios__label\" for=\"lone_parent-2\">No</label>");
	has("<div id=\"lone_parent-2-item-hint\" class=\"govuk-hint govuk-radios__hint\">Not &quot;&gt;");
	has("<div class=\"govuk-radios__divider\">or</div>");
	has("id=\"lone_parent-4\"");
	safe();
}
END_TEST

START_TEST(test_checkboxes)
{
	static const struct kit_item items[] = {
		{ .value = "ar", .text = "Arabic" },
		{ .value = "bn", .text = "Bengali" },
		{ .value = "so", .text = "Somali" },
		{ .value = NULL, .text = "or" },
		{ .value = "none", .text = "None of these", .exclusive = 1 },
	};
	const char *ticked[] = { "ar", "so", EVIL };

	kit_checkboxes(&out, &(struct kit_choices){
		.name = "languages", .legend = "Languages spoken", .items = items, .nitems = 5,
		.values = ticked, .nvalues = 3, .small = 1 });
	has("<div class=\"govuk-checkboxes govuk-checkboxes--small\" data-module=\"govuk-checkboxes\">");
	has("id=\"languages\" name=\"languages\" type=\"checkbox\" value=\"ar\" checked>");
	has("id=\"languages-2\" name=\"languages\" type=\"checkbox\" value=\"bn\">");
	has("id=\"languages-3\" name=\"languages\" type=\"checkbox\" value=\"so\" checked>");
	has("<div class=\"govuk-checkboxes__divider\">or</div>");
	has("id=\"languages-5\" name=\"languages\" type=\"checkbox\" value=\"none\" data-behaviour=\"exclusive\">");
	has("<label class=\"govuk-label govuk-checkboxes__label\" for=\"languages\">Arabic</label>");
	lacks("govuk-form-group--error");
	safe();
}
END_TEST

START_TEST(test_select)
{
	static const struct kit_item items[] = {
		{ .value = "", .text = "Choose" },
		{ .value = "WBRI", .text = "White British", .group = "White" },
		{ .value = "WENG", .text = "White English", .group = "White" },
		{ .value = "BAFR", .text = "Black African", .group = "Black" },
		{ .value = "REFU", .text = "Refused" },
		{ .value = EVIL, .text = EVIL },
	};

	kit_select(&out, &(struct kit_select){
		.name = "ethnicity", .label = "Ethnic group", .error = "Select an ethnic group from the list",
		.items = items, .nitems = 6, .value = "WENG" });
	has("<select class=\"govuk-select govuk-select--error\" id=\"ethnicity\" name=\"ethnicity\" "
	    "aria-describedby=\"ethnicity-error\">");
	has("<option value=\"\">Choose</option>\n<optgroup label=\"White\">\n<option value=\"WBRI\">White British</option>\n"
	    "<option value=\"WENG\" selected>White English</option>\n</optgroup>\n<optgroup label=\"Black\">\n"
	    "<option value=\"BAFR\">Black African</option>\n</optgroup>\n<option value=\"REFU\">Refused</option>");
	safe();
}
END_TEST

START_TEST(test_summary_list)
{
	const struct kit_summary_row rows[] = {
		{ .key = "Name", .value = "Sara " EVIL, .action_href = "/families/F1/edit#name",
		  .action_text = "Change", .action_hidden = "name" },
		{ .key = "Address", .value_escaped = "1 High St<br>W2 1AB" },
	};

	kit_summary_list(&out, rows, 2);
	has("<dl class=\"govuk-summary-list\">");
	has("<div class=\"govuk-summary-list__row\">\n<dt class=\"govuk-summary-list__key\">Name</dt>");
	has("<dd class=\"govuk-summary-list__value\">Sara &quot;&gt;&lt;script&gt;");
	has("<dd class=\"govuk-summary-list__actions\">\n<a class=\"govuk-link\" href=\"/families/F1/edit#name\">"
	    "Change<span class=\"govuk-visually-hidden\"> name</span></a>");
	has("<div class=\"govuk-summary-list__row govuk-summary-list__row--no-actions\">");
	has("1 High St<br>W2 1AB");
	safe();
}
END_TEST

START_TEST(test_table)
{
	static const struct kit_table_col cols[] = { { "Area", 0 }, { "Under 5s", 1 }, { "Reached", 1 } };

	kit_table_begin(&out, &(struct kit_table){ .caption = "Reach by ward", .caption_size = "m",
						   .cols = cols, .ncols = 3 });
	kit_table_row_begin(&out);
	kit_table_row_header(&out, "Queen's Park " EVIL);
	kit_table_cellf(&out, 1, "%d", 540);
	kit_table_cell(&out, "67.5%", 1);
	kit_table_row_end(&out);
	kit_table_row_begin(&out);
	kit_table_cell_link(&out, "/families/F1?x=1&y=2", "F1", 0);
	kit_table_cell_begin(&out, 0);
	kit_tag(&out, "Lone parent", KIT_TAG_PURPLE);
	kit_table_cell_end(&out);
	kit_table_cell(&out, NULL, 1);
	kit_table_row_end(&out);
	kit_table_end(&out);
	has("<table class=\"govuk-table\">\n<caption class=\"govuk-table__caption govuk-table__caption--m\">Reach by ward</caption>");
	has("<thead class=\"govuk-table__head\">\n<tr class=\"govuk-table__row\">\n"
	    "<th scope=\"col\" class=\"govuk-table__header\">Area</th>\n"
	    "<th scope=\"col\" class=\"govuk-table__header govuk-table__header--numeric\">Under 5s</th>");
	has("<tbody class=\"govuk-table__body\">");
	has("<th scope=\"row\" class=\"govuk-table__header\">Queen&#39;s Park &quot;&gt;");
	has("<td class=\"govuk-table__cell govuk-table__cell--numeric\">540</td>");
	has("<td class=\"govuk-table__cell\"><a class=\"govuk-link\" href=\"/families/F1?x=1&amp;y=2\">F1</a></td>");
	has("<strong class=\"govuk-tag govuk-tag--purple\">Lone parent</strong>");
	has("</tbody>\n</table>");
	safe();
}
END_TEST

START_TEST(test_small_components)
{
	kit_tag(&out, EVIL, KIT_TAG_DEFAULT);
	has("<strong class=\"govuk-tag\">&quot;&gt;&lt;script&gt;");
	kit_inset_text(&out, "Inset " EVIL);
	has("<div class=\"govuk-inset-text\">Inset &quot;");
	kit_warning_text(&out, "en", "Check " EVIL);
	has("<div class=\"govuk-warning-text\">\n<span class=\"govuk-warning-text__icon\" aria-hidden=\"true\">!</span>\n"
	    "<strong class=\"govuk-warning-text__text\">\n<span class=\"govuk-visually-hidden\">Warning</span>\nCheck &quot;");
	kit_panel(&out, "Family registered", "The family ID is " EVIL);
	has("<div class=\"govuk-panel govuk-panel--confirmation\">\n<h1 class=\"govuk-panel__title\">Family registered</h1>\n"
	    "<div class=\"govuk-panel__body\">The family ID is &quot;");
	kit_notification_banner(&out, &(struct kit_notification){ .success = 1, .heading = "Saved " EVIL });
	has("<div class=\"govuk-notification-banner govuk-notification-banner--success\" role=\"alert\" "
	    "aria-labelledby=\"govuk-notification-banner-title\" data-module=\"govuk-notification-banner\">");
	has("<h2 class=\"govuk-notification-banner__title\" id=\"govuk-notification-banner-title\">Success</h2>");
	has("<p class=\"govuk-notification-banner__heading\">Saved &quot;");
	kit_back_link(&out, "ar", "/", NULL);
	has("<a href=\"/\" class=\"govuk-back-link\">رجوع</a>");
	kit_heading(&out, 1, "l", "Register " EVIL);
	has("<h1 class=\"govuk-heading-l\">Register &quot;");
	kit_caption(&out, NULL, "Step 1");
	has("<span class=\"govuk-caption-m\">Step 1</span>");
	kit_link(&out, "/x?a=1&b=2", "Link");
	has("<a class=\"govuk-link\" href=\"/x?a=1&amp;b=2\">Link</a>");
	kit_csrf(&out, "abc");
	has("<input type=\"hidden\" name=\"csrf_token\" value=\"abc\">");
	safe();
}
END_TEST

START_TEST(test_buttons)
{
	kit_button(&out, &(struct kit_button){ .text = "Save family" });
	has("<button type=\"submit\" class=\"govuk-button\" data-module=\"govuk-button\">Save family</button>");
	kit_button(&out, &(struct kit_button){ .text = "Add another child", .kind = KIT_BUTTON_SECONDARY,
					       .name = "action", .value = "add_child" });
	has("<button type=\"submit\" value=\"add_child\" name=\"action\" class=\"govuk-button govuk-button--secondary\" "
	    "data-module=\"govuk-button\">Add another child</button>");
	kit_button(&out, &(struct kit_button){ .text = "Remove", .kind = KIT_BUTTON_WARNING, .prevent_double_click = 1 });
	has("data-prevent-double-click=\"true\" class=\"govuk-button govuk-button--warning\"");
	kit_button(&out, &(struct kit_button){ .text = EVIL, .href = "/families/new?x=" EVIL });
	has("<a href=\"/families/new?x=&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;\" role=\"button\" "
	    "draggable=\"false\" class=\"govuk-button\" data-module=\"govuk-button\">");
	kit_button_group_begin(&out);
	kit_button_group_end(&out);
	has("<div class=\"govuk-button-group\">\n</div>");
	safe();
}
END_TEST

START_TEST(test_pagination)
{
	kit_pagination(&out, &(struct kit_pagination){ 0 });
	ck_assert_str_eq(out.data, "");
	kit_pagination(&out, &(struct kit_pagination){ .prev_href = "/search?q=a&page=1",
						       .next_href = "/search?q=a&page=3" });
	has("<nav class=\"govuk-pagination govuk-pagination--block\" aria-label=\"Pagination\">");
	has("<div class=\"govuk-pagination__prev\">\n<a class=\"govuk-link govuk-pagination__link\" "
	    "href=\"/search?q=a&amp;page=1\" rel=\"prev\">");
	has("<span class=\"govuk-pagination__link-title govuk-pagination__link-title--decorated\">Previous"
	    "<span class=\"govuk-visually-hidden\"> page</span></span>");
	has("rel=\"next\"");
	buf_reset(&out);
	kit_pagination(&out, &(struct kit_pagination){ .lang = "ar", .next_href = "/n", .next_label = "2 of 5" });
	lacks("govuk-pagination__prev");
	has(">التالي<");
	has("<span class=\"govuk-pagination__link-label\">2 of 5</span>");
}
END_TEST

/* a whole page with every component, in English and Arabic, checked by tidy */
static void full_page(const char *lang)
{
	static const struct kit_item yesno[] = { { .value = "y", .text = "Yes" }, { .value = "n", .text = "No" } };
	static const struct kit_item opts[] = { { .value = "", .text = "Choose" },
						{ .value = "WBRI", .text = "White British", .group = "White" } };
	static const struct kit_table_col cols[] = { { "Name", 0 }, { "Children", 1 } };
	struct kit_errors e = KIT_ERRORS_INIT;
	struct kit_page p = { .lang = lang, .title = "Register a family " EVIL, .has_errors = 1,
			      .nav = KIT_NAV_ALL, .nav_current = KIT_NAV_REGISTER, .user_name = "Sam",
			      .csrf_token = "t0k", .back_href = "/search", .lang_base = "/families/new?lang=" };
	const struct kit_summary_row rows[] = { { .key = "Name", .value = EVIL, .action_href = "/x",
						  .action_text = "Change", .action_hidden = "name" } };
	const char *ticked[] = { "y" };

	kit_errors_add(&e, "postcode", i18n_get(lang, "error.postcode_invalid"));
	kit_errors_add(&e, "dob-day", i18n_get(lang, "error.dob_missing"));
	kit_page_begin(&out, &p);
	kit_error_summary(&out, lang, &e);
	kit_notification_banner(&out, &(struct kit_notification){ .lang = lang, .success = 1, .heading = "Saved" });
	kit_heading(&out, 1, "l", i18n_get(lang, "register.title"));
	kit_p(&out, i18n_get(lang, "register.intro"));
	html_raw_literal(&out, "<form method=\"post\" action=\"/families/new\" novalidate>\n");
	kit_csrf(&out, "t0k");
	kit_fieldset_begin(&out, i18n_get(lang, "register.section.carer"), "m", 0);
	kit_input(&out, &(struct kit_input){ .lang = lang, .name = "first_name", .label = i18n_get(lang, "field.first_name"),
					     .value = EVIL, .spellcheck_off = 1, .autocomplete = "given-name" });
	kit_input(&out, &(struct kit_input){ .lang = lang, .name = "postcode", .label = i18n_get(lang, "field.postcode"),
					     .error = kit_errors_get(&e, "postcode"), .value = "W2 1AB", .width = 10 });
	kit_date_input(&out, &(struct kit_date){ .lang = lang, .name = "dob", .legend = i18n_get(lang, "field.date_of_birth"),
						 .hint = i18n_get(lang, "field.date_of_birth.hint"),
						 .error = kit_errors_get(&e, "dob-day"), .day = "1" });
	kit_fieldset_end(&out);
	kit_radios(&out, &(struct kit_choices){ .lang = lang, .name = "lone", .legend = i18n_get(lang, "field.lone_parent"),
						.hint = "h", .items = yesno, .nitems = 2, .value = "y", .is_inline = 1 });
	kit_checkboxes(&out, &(struct kit_choices){ .lang = lang, .name = "c", .legend = "C", .items = yesno,
						    .nitems = 2, .values = ticked, .nvalues = 1, .error = "Pick" });
	kit_select(&out, &(struct kit_select){ .lang = lang, .name = "eth", .label = "E", .items = opts, .nitems = 2 });
	kit_textarea(&out, &(struct kit_textarea){ .lang = lang, .name = "notes", .label = "N", .value = "a\nb" });
	kit_button_group_begin(&out);
	kit_button(&out, &(struct kit_button){ .text = i18n_get(lang, "button.save_family") });
	kit_button(&out, &(struct kit_button){ .text = "Cancel", .kind = KIT_BUTTON_SECONDARY, .href = "/" });
	kit_button_group_end(&out);
	html_raw_literal(&out, "</form>\n");
	kit_summary_list(&out, rows, 1);
	kit_table_begin(&out, &(struct kit_table){ .caption = "T", .cols = cols, .ncols = 2 });
	kit_table_row_begin(&out);
	kit_table_row_header(&out, "A");
	kit_table_cell(&out, "2", 1);
	kit_table_row_end(&out);
	kit_table_end(&out);
	kit_inset_text(&out, "i");
	kit_warning_text(&out, lang, "w");
	kit_panel(&out, "p", "b");
	kit_tag(&out, "t", KIT_TAG_GREEN);
	kit_pagination(&out, &(struct kit_pagination){ .lang = lang, .prev_href = "/p", .next_href = "/n" });
	kit_page_end(&out, &p);
	kit_errors_release(&e);
}

/*
 * Tidy 5.6 (Debian's) predates parts of HTML5 that govuk-frontend uses: it
 * calls aria-current, inputmode and focusable "proprietary", and does not
 * know that a <dl> may group its <dt>/<dd> pairs in <div>s (the summary
 * list). Those warnings are expected; any other warning or error fails.
 */
static int tidy_expected(const char *line)
{
	static const char *const known[] = {
		"proprietary attribute \"aria-current\"",
		"proprietary attribute \"inputmode\"",
		"proprietary attribute \"focusable\"",
		"Warning: missing <dd>",
		"Warning: missing </div> before <dt>",
		"Warning: inserting implicit <dl>",
		"Warning: missing </dl> before </div>",
	};

	for (size_t i = 0; i < sizeof(known) / sizeof(known[0]); i++)
		if (strstr(line, known[i]))
			return 1;
	return 0;
}

static void tidy_check(const char *lang)
{
	char path[] = "/tmp/reach-kit-XXXXXX";
	char cmd[256], line[1024];
	FILE *f;
	int fd, rc, unexpected = 0;

	if (system("tidy -v >/dev/null 2>&1") != 0) {
		fprintf(stderr, "kit: tidy is not installed: page not validated\n");
		return;
	}
	full_page(lang);
	fd = mkstemp(path);
	ck_assert_int_ge(fd, 0);
	f = fdopen(fd, "w");
	ck_assert_ptr_nonnull(f);
	ck_assert_uint_eq(fwrite(out.data, 1, out.len, f), out.len);
	fclose(f);
	/* tidy exits 0 when clean, 1 for warnings, 2 for errors */
	snprintf(cmd, sizeof(cmd), "tidy -errors -q %s 2>&1", path);
	f = popen(cmd, "r");
	ck_assert_ptr_nonnull(f);
	while (fgets(line, sizeof(line), f))
		if (!tidy_expected(line)) {
			fprintf(stderr, "kit: tidy (%s page %s): %s", lang, path, line);
			unexpected++;
		}
	rc = pclose(f);
	ck_assert_msg(WIFEXITED(rc) && WEXITSTATUS(rc) < 2, "tidy found errors in the %s page: %s", lang, path);
	ck_assert_msg(unexpected == 0, "tidy warned about the %s page: %s", lang, path);
	unlink(path);
}

START_TEST(test_tidy_english)
{
	tidy_check("en");
}
END_TEST

START_TEST(test_tidy_arabic)
{
	tidy_check("ar");
}
END_TEST

Suite *kit_suite(void)
{
	Suite *s = suite_create("kit");
	TCase *tc = tcase_create("core");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_page_layout);
	tcase_add_test(tc, test_page_arabic_rtl);
	tcase_add_test(tc, test_page_unknown_language);
	tcase_add_test(tc, test_error_summary);
	tcase_add_test(tc, test_input);
	tcase_add_test(tc, test_input_keeps_value);
	tcase_add_test(tc, test_textarea);
	tcase_add_test(tc, test_date_input);
	tcase_add_test(tc, test_radios);
	tcase_add_test(tc, test_checkboxes);
	tcase_add_test(tc, test_select);
	tcase_add_test(tc, test_summary_list);
	tcase_add_test(tc, test_table);
	tcase_add_test(tc, test_small_components);
	tcase_add_test(tc, test_buttons);
	tcase_add_test(tc, test_pagination);
	tcase_add_test(tc, test_tidy_english);
	tcase_add_test(tc, test_tidy_arabic);
	suite_add_tcase(s, tc);
	return s;
}

TEST_MAIN(kit_suite)
