/*
 * schema_msg.c - libxml2's schema validity messages, said as what to fix
 * (see schema_msg.h).
 *
 * libxml2 2.9 builds every message from a few templates
 * (xmlschemas.c: xmlSchemaFacetErr, xmlSchemaSimpleTypeErr,
 * xmlSchemaComplexTypeErr and friends): "Element 'E'[, attribute 'A']: "
 * then the template.  Each template is matched here by its fixed words; a
 * pattern facet is named by the pattern itself, which is the schema's, so
 * the table below says, for every pattern of io/schema/, what the value
 * should look like, in the words of docs/site-format.md.
 */
#include "schema_msg.h"

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#define PART 256   /* longest element name, attribute name or value kept */

/* The syntax a pattern stands for, as docs/site-format.md says it. */
static const struct {
	const char *pattern;
	const char *what;
} patterns[] = {
	{ "[0-9]+(\\.[0-9]+)?",
	  "is not a decimal number; write digits with an optional decimal "
	  "point, like 28.8" },
	{ "[0-9]+(\\.[0-9]+)?%?",
	  "is not a fraction; write a decimal like 0.8 or a percentage like "
	  "80%" },
	{ "[0-9]+",
	  "is not a whole number; write digits only, like 15" },
	{ "[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])T([01][0-9]|2[0-3])"
	  ":[0-5][0-9](:00)?",
	  "is not a date-time; write YYYY-MM-DDTHH:MM, like 2026-11-30T08:00" },
	{ "[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}",
	  "is not a date-time; write YYYY-MM-DDTHH:MM, like 2026-11-30T08:00" },
	{ "[0-9]{4}-[0-9]{2}-[0-9]{2}",
	  "is not a date; write YYYY-MM-DD, like 2026-11-30" },
	{ "([01][0-9]|2[0-3]):[0-5][0-9]|24:00",
	  "is not a time of day; write HH:MM from 00:00 to 24:00, like 18:00" },
	{ "[0-9]{2}:[0-9]{2}",
	  "is not a time of day; write HH:MM, like 18:00" },
	{ "(Mon|Tue|Wed|Thu|Fri|Sat|Sun) ([01][0-9]|2[0-3]):[0-5][0-9]",
	  "is not a week time; write a day name and a time, like Fri 18:00" },
	{ "(Mon|Tue|Wed|Thu|Fri|Sat|Sun)(-(Mon|Tue|Wed|Thu|Fri|Sat|Sun))?"
	  "(,(Mon|Tue|Wed|Thu|Fri|Sat|Sun)(-(Mon|Tue|Wed|Thu|Fri|Sat|Sun))?)*",
	  "is not a list of days; write day names Mon to Sun, ranges and "
	  "lists, like Mon-Fri or Sat,Sun" },
	{ "[0-9]+\\.[0-9]{4}",
	  "is not a ratio; write it with four decimals, like 0.8125" },
};

/* The syntax of a named simple type of the schemas (or of XML Schema)
 * whose check is not a pattern: a base type's own, or a union's. */
static const struct {
	const char *type;
	const char *what;
} types[] = {
	{ "id", "is not an id; use letters, digits and . - _ : only, "
		"without blanks" },
	{ "xs:NMTOKEN", "is not an id; use letters, digits and . - _ : only, "
			"without blanks" },
	{ "windowTime", "is not a time; write HH:MM with days=, or a day name "
			"and a time, like Fri 18:00" },
	{ "count", "is not a whole number; write digits only, like 15" },
	{ "positive", "is not a whole number; write digits only, like 15" },
	{ "slot", "is not a whole number; write digits only, like 15" },
	{ "xs:long", "is not a whole number; write digits only, like 15" },
	{ "xs:int", "is not a whole number; write digits only, like 15" },
	{ "xs:positiveInteger", "is not a whole number above 0; write digits "
				"only, like 15" },
	{ "xs:decimal", "is not a decimal number; write digits with an "
			"optional decimal point, like 28.8" },
	{ "ratio", "is not a decimal number; write digits with an optional "
		   "decimal point, like 0.8" },
	{ "xs:double", "is not a number; write digits with an optional "
		       "decimal point, like 28.8" },
	{ "xs:boolean", "is not a boolean; write true or false" },
};

static bool begins(const char *s, const char *lead)
{
	return strncmp(s, lead, strlen(lead)) == 0;
}

/* Copies [b, e) into out (size bytes), shortened with "..." past PART. */
static void copy_part(const char *b, const char *e, char *out, size_t size)
{
	size_t n = (size_t)(e - b);

	if (n > PART) {
		snprintf(out, size, "%.*s...", PART, b);
		return;
	}
	snprintf(out, size, "%.*s", (int)n, b);
}

/* If s starts with lead, the quoted text after it up to the first end
 * (the text that follows the closing quote): *rest points past end. */
static bool take(const char *s, const char *lead, const char *end, char *out,
		 size_t size, const char **rest)
{
	size_t n = strlen(lead);
	const char *e;

	if (strncmp(s, lead, n) != 0)
		return false;
	e = strstr(s + n, end);
	if (!e)
		return false;
	copy_part(s + n, e, out, size);
	*rest = e + strlen(end);
	return true;
}

/* "( a, b )" or "one of ( a, b )" as "<a>" or "one of <a>, <b>". */
static void expected(const char *s, char *out, size_t size)
{
	size_t o = 0;
	bool one_of = begins(s, "one of ");

	if (one_of) {
		s += 7;
		o += (size_t)snprintf(out, size, "one of ");
	}
	if (*s == '(')
		s++;
	while (*s && *s != ')' && o + 1 < size) {
		size_t n;

		while (*s == ' ' || *s == ',')
			s++;
		n = strcspn(s, ", )");
		if (n == 0)
			break;
		o += (size_t)snprintf(out + o, size - o, "%s<%.*s>",
				      o > (one_of ? 7u : 0u) ? ", " : "", (int)n, s);
		if (o >= size)
			break;
		s += n;
	}
	if (o == 0 && size)
		out[0] = '\0';
}

/* "{'a', 'b'}" as "a, b". */
static void set_of(const char *s, char *out, size_t size)
{
	size_t o = 0;

	out[0] = '\0';
	if (*s == '{')
		s++;
	while (*s && *s != '}' && o + 1 < size) {
		const char *e;

		if (*s != '\'') {
			s++;
			continue;
		}
		e = strchr(s + 1, '\'');
		if (!e)
			break;
		o += (size_t)snprintf(out + o, size - o, "%s%.*s", o ? ", " : "",
				      (int)(e - s - 1), s + 1);
		if (o >= size)
			break;
		s = e + 1;
	}
}

/* The message about a value of an attribute or of an element's text. */
static bool value_msg(const char *r, char *out, size_t size)
{
	char v[PART + 8], p[PART + 8], w[512];
	const char *rest;

	if (take(r, "[facet 'pattern'] The value '",
		 "' is not accepted by the pattern '", v, sizeof v, &rest)) {
		size_t n = strlen(rest);
		if (n > 0 && rest[n - 1] == '\'')
			n--;
		copy_part(rest, rest + n, p, sizeof p);
		for (size_t i = 0; i < sizeof patterns / sizeof *patterns; i++)
			if (strcmp(p, patterns[i].pattern) == 0) {
				snprintf(out, size, "'%s' %s", v, patterns[i].what);
				return true;
			}
		snprintf(out, size, "'%s' does not have the form '%s'", v, p);
		return true;
	}
	if (take(r, "[facet 'enumeration'] The value '",
		 "' is not an element of the set ", v, sizeof v, &rest)) {
		set_of(rest, w, sizeof w);
		snprintf(out, size, "'%s' is not one of %s", v, w);
		return true;
	}
	if (take(r, "[facet 'minLength'] The value '", "' has a length of '",
		 v, sizeof v, &rest)) {
		const char *m = strstr(rest, "minimum length of '");
		int min = 0;
		if (m)
			sscanf(m + 19, "%d", &min);
		if (v[0] == '\0')
			snprintf(out, size, "'' is empty; give at least %d %s", min,
				 min == 1 ? "value" : "values");
		else
			snprintf(out, size, "'%s' is too short; give at least %d",
				 v, min);
		return true;
	}
	if (take(r, "[facet 'minInclusive'] The value '",
		 "' is less than the minimum value allowed ('", v, sizeof v,
		 &rest)) {
		snprintf(out, size, "'%s' is below the minimum; give %.*s or more",
			 v, (int)strcspn(rest, "'"), rest);
		return true;
	}
	if (take(r, "[facet 'maxInclusive'] The value '",
		 "' is greater than the maximum value allowed ('", v, sizeof v,
		 &rest)) {
		snprintf(out, size, "'%s' is above the maximum; give %.*s or less",
			 v, (int)strcspn(rest, "'"), rest);
		return true;
	}
	if (take(r, "'", "' is not a valid value of the ", v, sizeof v, &rest)) {
		char t[PART + 8];
		const char *kind = rest;

		if (begins(kind, "list type '"))
			return false;   /* the caller's REPEAT */
		rest = strchr(kind, '\'');
		if (!rest)
			return false;
		copy_part(rest + 1, rest + 1 + strcspn(rest + 1, "'"), t, sizeof t);
		for (size_t i = 0; i < sizeof types / sizeof *types; i++)
			if (strcmp(t, types[i].type) == 0) {
				snprintf(out, size, "'%s' %s", v, types[i].what);
				return true;
			}
		snprintf(out, size, "'%s' is not a valid %s", v, t);
		return true;
	}
	return false;
}

/* The message about an element's content or attributes. */
static bool element_msg(const char *e, const char *r, char *out, size_t size)
{
	char a[PART + 8], x[512];
	const char *rest;

	if (take(r, "The attribute '", "' is required but missing", a, sizeof a,
		 &rest)) {
		snprintf(out, size, "<%s> lacks the required attribute '%s'; add it",
			 e, a);
		return true;
	}
	if (take(r, "The attribute '", "' is not allowed", a, sizeof a, &rest)) {
		snprintf(out, size, "<%s> takes no attribute '%s'; remove it or "
			 "correct its name", e, a);
		return true;
	}
	if (begins(r, "This element is not expected")) {
		rest = strstr(r, "Expected is ");
		if (rest) {
			expected(rest + 12, x, sizeof x);
			snprintf(out, size, "<%s> is not expected here; expected %s",
				 e, x);
		} else {
			snprintf(out, size, "<%s> is not expected here; remove it or "
				 "move it", e);
		}
		return true;
	}
	if (begins(r, "Missing child element(s)")) {
		rest = strstr(r, "Expected is ");
		if (rest) {
			expected(rest + 12, x, sizeof x);
			snprintf(out, size, "<%s> lacks a child element; add %s", e, x);
		} else {
			snprintf(out, size, "<%s> lacks a child element", e);
		}
		return true;
	}
	if (begins(r, "Character content other than whitespace is not "
		   "allowed")) {
		snprintf(out, size, "<%s> holds text, where only elements belong; "
			 "remove the text", e);
		return true;
	}
	if (begins(r, "Character content is not allowed")) {
		snprintf(out, size, "<%s> holds text; it must be empty", e);
		return true;
	}
	if (begins(r, "Element content is not allowed")) {
		snprintf(out, size, "<%s> holds elements; it must be empty", e);
		return true;
	}
	if (begins(r, "No matching global declaration available for the "
		    "validation root")) {
		snprintf(out, size, "<%s> is not the root element of this kind of "
			 "file; check that it is the right file", e);
		return true;
	}
	if (!value_msg(r, x, sizeof x))
		return false;
	snprintf(out, size, "text of <%s>: %s", e, x);
	return true;
}

enum ro_schema_msg ro_schema_msg(const char *raw, char *out, size_t size)
{
	char msg[2048], e[PART + 8], a[PART + 8], body[1024];
	const char *rest;
	size_t n;

	if (!raw || !out || size == 0)
		return RO_SCHEMA_MSG_RAW;
	snprintf(msg, sizeof msg, "%s", raw);
	n = strlen(msg);
	while (n > 0 && (msg[n - 1] == '\n' || msg[n - 1] == ' ' ||
			 msg[n - 1] == '.'))
		msg[--n] = '\0';
	if (!take(msg, "Element '", "'", e, sizeof e, &rest))
		return RO_SCHEMA_MSG_RAW;
	if (take(rest, ", attribute '", "': ", a, sizeof a, &rest)) {
		if (strstr(rest, "' is not a valid value of the list type '") &&
		    rest[0] == '\'')
			return RO_SCHEMA_MSG_REPEAT;
		if (value_msg(rest, body, sizeof body)) {
			snprintf(out, size, "attribute '%s' of <%s>: %s", a, e,
				 body);
			return RO_SCHEMA_MSG_MAPPED;
		}
		/* "The attribute 'A' is not allowed" comes in this form */
		return element_msg(e, rest, out, size) ? RO_SCHEMA_MSG_MAPPED
						       : RO_SCHEMA_MSG_RAW;
	}
	if (strncmp(rest, ": ", 2) != 0)
		return RO_SCHEMA_MSG_RAW;
	rest += 2;
	if (rest[0] == '\'' &&
	    strstr(rest, "' is not a valid value of the list type '"))
		return RO_SCHEMA_MSG_REPEAT;
	if (!element_msg(e, rest, out, size))
		return RO_SCHEMA_MSG_RAW;
	return RO_SCHEMA_MSG_MAPPED;
}
