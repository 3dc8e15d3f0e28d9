/*
 * version.h - the version of rollout, written into every schedule.
 */
#ifndef RO_VERSION_H
#define RO_VERSION_H

#define RO_VERSION "0.1.0"

#endif
