window.__analyticsRan = (window.__analyticsRan || 0) + 1;
