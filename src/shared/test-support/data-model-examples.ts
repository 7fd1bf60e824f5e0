// Test fixture: the data model's two JSON examples, copied VERBATIM from shared/data-model.md ("JSON Schema Examples").
export const RUNNER_SESSION_EXAMPLE = `{
  "sessionId": "sess_7f9e2b4a-1234-5678-9abc-def012345678",
  "containerId": "dillinger_runner_sess_7f9e2b4a",
  "gameId": "game_diablo_pc_12345",
  "userId": "user_john_doe",
  "status": "running",
  "startTime": "2025-10-29T14:30:00Z",
  "lastActivity": "2025-10-29T14:45:32Z",
  "displayInfo": {
    "method": "x11",
    "displayId": ":1",
    "resolution": "1920x1080",
    "socketPath": "/tmp/.X11-unix/X1"
  },
  "resourceUsage": {
    "cpuPercent": 45.2,
    "memoryUsed": 2147483648,
    "memoryPercent": 53.7,
    "gpuUsage": 78.9,
    "timestamp": "2025-10-29T14:45:30Z"
  },
  "processId": 1234
}`;

export const GAME_LAUNCH_REQUEST_EXAMPLE = `{
  "gameId": "game_diablo_pc_12345",
  "userId": "user_john_doe",
  "platform": "windows",
  "sessionId": "sess_7f9e2b4a-1234-5678-9abc-def012345678",
  "timestamp": "2025-10-29T14:29:45Z",
  "launchConfig": {
    "winePrefix": "/home/retro/.wine-diablo",
    "displayMode": "x11",
    "audioEnabled": true,
    "resources": {
      "cpuLimit": 4.0,
      "memoryLimit": "4G",
      "gpuAccess": "shared"
    },
    "environment": {
      "WINEDLLOVERRIDES": "d3d11=n;dxgi=n",
      "DXVK_HUD": "fps"
    }
  }
}`;
