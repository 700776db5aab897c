// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// FolderRoutes - /api/v1/folders and moving or renaming a device (PATCH /api/v1/devices/{id}).
#pragma once

#include <QtGlobal>

#include <functional>

namespace steward::server::services {
class AccessService;
class ConfigPushService;
class FolderService;
} // namespace steward::server::services

namespace steward::server::http {

class Router;

/**
 * The list holds the folders the administrator may browse; reading one needs Read on it.
 * Creating needs Write on the parent, changing or deleting Write on the folder or device, and
 * moving also Write on the folder it moves to.
 */
void addFolderRoutes(Router& router, services::FolderService& folders,
                     services::AccessService& access, std::function<bool(qint64)> isOnline,
                     services::ConfigPushService* push = nullptr);

} // namespace steward::server::http
