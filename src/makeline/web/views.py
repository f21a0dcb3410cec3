"""Screens. Views only translate: parse the request, call one selector or service, render."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from makeline.web import selectors


@login_required
def home(request: HttpRequest) -> HttpResponse:
    return render(request, "web/home.html", {"overview": selectors.overview()})
