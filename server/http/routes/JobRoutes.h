// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// JobRoutes - /api/v1/jobs: create, list, read, cancel and delete jobs (docs/jobs.md).
#pragma once

namespace steward::server::db {
class JobRepository;
}
namespace steward::server::services {
class AccessService;
class JobService;
} // namespace steward::server::services

namespace steward::server::http {

class Router;

struct JobRouteContext {
    db::JobRepository& jobs;
    services::JobService& service;
    services::AccessService& access;
    int defaultPageSize = 100;
    int maxPageSize = 1000;
};

/**
 * Creating needs the Commands right on every target device (JobService checks it). Reading
 * needs Read on root:jobs, or being the job's creator; cancelling and deleting need Write on
 * root:jobs, or being the job's creator. An administrator without Read on root:jobs lists only
 * the jobs they created.
 */
void addJobRoutes(Router& router, const JobRouteContext& context);

} // namespace steward::server::http
