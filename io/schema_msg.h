/*
 * schema_msg.h - libxml2's schema validity messages, said as what to fix.
 *
 * libxml2 words a violation as it sees it ("[facet 'pattern'] The value
 * '-5' is not accepted by the pattern '[0-9]+(\.[0-9]+)?'"); the user needs
 * the value syntax of docs/site-format.md instead ("attribute
 * 'capacity-kbps' of <link>: '-5' is not a decimal number; write digits
 * with an optional decimal point, like 28.8").  The translation knows the
 * messages of libxml2 2.9 and the types of the embedded schemas; anything
 * else is left to the caller, who then shows libxml2's own words.
 */
#ifndef RO_SCHEMA_MSG_H
#define RO_SCHEMA_MSG_H

#include <stddef.h>

enum ro_schema_msg {
	RO_SCHEMA_MSG_RAW,      /* not known: show libxml2's message */
	RO_SCHEMA_MSG_MAPPED,   /* out holds the message */
	RO_SCHEMA_MSG_REPEAT    /* only restates the message before it
				   (a list type after its item's error) */
};

/* Translates raw, a message of libxml2's schema validator (domain
 * XML_FROM_SCHEMASV), into out (size bytes, NUL-terminated, lowercase
 * first, no full stop).  out is written only for RO_SCHEMA_MSG_MAPPED. */
enum ro_schema_msg ro_schema_msg(const char *raw, char *out, size_t size);

#endif
