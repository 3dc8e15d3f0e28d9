/*
 * os_table.c - the operating-system names rollout import understands (see
 * os_table.h).  Windows 2000 is in the NT family: it runs the CCIM cycle
 * and replaces files in use like NT 4.0, so it upgrades as winnt.
 */
#include "os_table.h"

#include <string.h>

static const struct ro_os_name table[] = {
	{ "winnt", "winnt" },
	{ "Microsoft Windows NT Workstation 4.0", "winnt" },
	{ "Microsoft Windows NT Server 4.0", "winnt" },
	{ "Microsoft Windows NT Advanced Server 4.0", "winnt" },
	{ "Microsoft Windows NT Workstation 3.51", "winnt" },
	{ "Microsoft Windows NT Server 3.51", "winnt" },
	{ "Microsoft Windows NT", "winnt" },
	{ "Windows NT Workstation 4.0", "winnt" },
	{ "Windows NT Server 4.0", "winnt" },
	{ "Windows NT 4.0", "winnt" },
	{ "Windows NT", "winnt" },
	{ "Microsoft Windows 2000 Professional", "winnt" },
	{ "Microsoft Windows 2000 Server", "winnt" },
	{ "Microsoft Windows 2000 Advanced Server", "winnt" },
	{ "Windows 2000 Professional", "winnt" },
	{ "Windows 2000", "winnt" },
	{ "win95", "win95" },
	{ "Microsoft Windows 95", "win95" },
	{ "Microsoft Windows 95 OSR2", "win95" },
	{ "Windows 95", "win95" },
	{ "Windows 95 OSR2", "win95" },
	{ "Windows 95 OSR2.1", "win95" },
	{ "Windows 95 OSR2.5", "win95" },
	{ "win98", "win98" },
	{ "Microsoft Windows 98", "win98" },
	{ "Microsoft Windows 98 Second Edition", "win98" },
	{ "Windows 98", "win98" },
	{ "Windows 98 Second Edition", "win98" },
	{ "Windows 98 SE", "win98" },
};

const struct ro_os_name *ro_os_table(size_t *n)
{
	if (n)
		*n = sizeof table / sizeof *table;
	return table;
}

static int fold(int c)
{
	return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c;
}

static int blank(int c)
{
	return c == ' ' || c == '\t';
}

int ro_name_eq(const char *a, const char *b)
{
	if (!a || !b)
		return 0;
	while (blank(*a))
		a++;
	while (blank(*b))
		b++;
	for (;;) {
		/* a run of blanks is one blank, and none at the end */
		if (blank(*a) && blank(*b)) {
			while (blank(*a))
				a++;
			while (blank(*b))
				b++;
			if (!*a || !*b)
				return !*a && !*b;
			continue;
		}
		if (blank(*a) && !*b) {
			while (blank(*a))
				a++;
			return !*a;
		}
		if (blank(*b) && !*a) {
			while (blank(*b))
				b++;
			return !*b;
		}
		if (fold((unsigned char)*a) != fold((unsigned char)*b))
			return 0;
		if (!*a)
			return 1;
		a++;
		b++;
	}
}

const char *ro_os_class(const char *name)
{
	for (size_t i = 0; i < sizeof table / sizeof *table; i++)
		if (ro_name_eq(name, table[i].name))
			return table[i].os;
	return NULL;
}

const char *ro_os_known(const char *os)
{
	static const char *const classes[] = { "winnt", "win95", "win98" };

	for (size_t i = 0; os && i < 3; i++)
		if (strcmp(os, classes[i]) == 0)
			return classes[i];
	return NULL;
}
