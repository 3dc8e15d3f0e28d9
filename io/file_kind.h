/*
 * file_kind.h - what a file given to `rollout batch` holds: a text
 * manifest, a site file, or some other XML document.
 */
#ifndef RO_FILE_KIND_H
#define RO_FILE_KIND_H

#include <stddef.h>

enum ro_file_kind {
	RO_FILE_TEXT,    /* does not start like XML: a manifest, or a file
			    that cannot be read (reading it says why) */
	RO_FILE_SITE,    /* an XML document whose root element is <site> */
	RO_FILE_OTHER    /* XML, but not a site; why says what it is */
};

/* Tells a manifest from a site file.  A regular file that starts (after a UTF-8
 * byte order mark and blanks) with '<' is parsed the one safe way
 * (io/xmlsafe.h: size cap, no DTD, no network) to read its root element;
 * that reads the whole file into a tree: 0.5 s and 250 MB for a
 * 100,000-client site of 15 MB.  For RO_FILE_OTHER, why (n bytes) says
 * what the file is instead ("its root element is <schedule>, not
 * <site>").  Anything else (a FIFO, a pipe: they
 * can be read once only) is RO_FILE_TEXT. */
enum ro_file_kind ro_file_kind(const char *path, char *why, size_t n);

#endif
