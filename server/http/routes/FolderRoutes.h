// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// FolderRoutes - /api/v1/folders and moving or renaming a device (PATCH /api/v1/devices/{id}).
#pragma once

#include <QtGlobal>

#include <functional>

namespace steward::server::services {
class FolderService;
}

namespace steward::server::http {

class Router;

/** Any administrator reads folders; changes are for superusers (refuseUnlessSuperuser). */
void addFolderRoutes(Router& router, services::FolderService& folders,
                     std::function<bool(qint64)> isOnline);

} // namespace steward::server::http
