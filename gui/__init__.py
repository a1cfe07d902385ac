"""The Qt window: shows and edits a report; every total and check lives in `report`."""
