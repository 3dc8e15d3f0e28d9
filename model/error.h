/*
 * error.h - the library's error codes: enum ro_err and ro_strerror are
 * public, declared in include/rollout.h (codes only ever appended, never
 * renumbered); this header is what the library's modules include for them.
 */
#ifndef RO_ERROR_H
#define RO_ERROR_H

#include "../include/rollout.h"

#endif
